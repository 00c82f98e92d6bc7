package dev.forewarn.outreach.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Reads secrets from files: for each secret property, {@code <property>-file} (from the
 * environment: {@code FOREWARN_TWILIO_AUTH_TOKEN_FILE} and so on) names a file whose content,
 * without surrounding white space, is the property's value. This keeps secrets out of the
 * environment of the process (and out of {@code ps}), e.g. with Docker or Kubernetes secrets
 * mounted as files. A value given directly wins over its file; the file is read when the value is
 * asked for. The values are never logged.
 */
public final class SecretFiles implements EnvironmentPostProcessor {

  /**
   * Every property that holds a secret. The FCM access token is not among them: its file is the
   * property {@code forewarn.fcm.access-token-file} itself, which the FCM channel reads again
   * whenever it changes, since Google's tokens last about an hour.
   */
  public static final List<String> SECRETS =
      List.of(
          "forewarn.twilio.auth-token",
          "spring.mail.password",
          "forewarn.security.link-key",
          "forewarn.security.scrape-token",
          "forewarn.admin.password",
          "spring.datasource.password");

  static final String SOURCE = "forewarnSecretFiles";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    environment.getPropertySources().addLast(new FromFiles(environment));
  }

  /**
   * The lowest-ranked source: asked only when no other source has the secret itself. Its source
   * object is not the environment itself, which Spring Boot would walk into as nested sources.
   */
  static final class FromFiles extends PropertySource<UnaryOperator<String>> {

    FromFiles(Environment environment) {
      super(SOURCE, environment::getProperty);
    }

    @Override
    public Object getProperty(String name) {
      if (!SECRETS.contains(name)) {
        return null;
      }
      String file = getSource().apply(name + "-file");
      return file == null || file.isBlank() ? null : read(name, Path.of(file.strip()));
    }

    private static String read(String secret, Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(
            secret + "-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
      }
    }
  }
}
