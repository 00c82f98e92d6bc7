package dev.forewarn.outreach.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Reads secrets from files: for each secret property, {@code <property>-file} (from the
 * environment, {@code FOREWARN_TWILIO_AUTH_TOKEN_FILE} and so on) names a file whose content,
 * without surrounding white space, becomes the property. This keeps secrets out of the environment
 * of the process (and out of {@code ps}), e.g. with Docker or Kubernetes secrets mounted as files.
 * A value given directly wins over its file. The values are never logged.
 */
public final class SecretFiles implements EnvironmentPostProcessor, Ordered {

  /** Every property that holds a secret. */
  public static final List<String> SECRETS =
      List.of(
          "forewarn.twilio.auth-token",
          "spring.mail.password",
          "forewarn.fcm.access-token",
          "forewarn.security.link-key",
          "forewarn.security.scrape-token",
          "forewarn.admin.password",
          "spring.datasource.password");

  static final String SOURCE = "forewarnSecretFiles";

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    Map<String, Object> read = new LinkedHashMap<>();
    for (String secret : SECRETS) {
      String file = environment.getProperty(secret + "-file");
      if (file != null && !file.isBlank() && isBlank(environment.getProperty(secret))) {
        read.put(secret, read(secret, Path.of(file.strip())));
      }
    }
    if (!read.isEmpty()) {
      environment.getPropertySources().addFirst(new MapPropertySource(SOURCE, read));
    }
  }

  private static String read(String secret, Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(
          secret + "-file: cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
    }
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
