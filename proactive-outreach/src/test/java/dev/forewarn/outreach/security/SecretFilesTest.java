package dev.forewarn.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class SecretFilesTest {

  @TempDir Path dir;

  @Test
  void aSecretIsReadFromTheFileItsFileVariableNamesWithoutSurroundingWhiteSpace() throws Exception {
    Path token = Files.writeString(dir.resolve("twilio"), "  s3cret-token\n");
    StandardEnvironment env =
        environment(Map.of("FOREWARN_TWILIO_AUTH_TOKEN_FILE", token.toString()));

    new SecretFiles().postProcessEnvironment(env, new SpringApplication());

    assertThat(env.getProperty("forewarn.twilio.auth-token")).isEqualTo("s3cret-token");
  }

  @Test
  void aValueGivenDirectlyWinsOverItsFile() throws Exception {
    Path key = Files.writeString(dir.resolve("key"), "from-the-file");
    StandardEnvironment env =
        environment(
            Map.of(
                "FOREWARN_SECURITY_LINK_KEY",
                "given-directly",
                "FOREWARN_SECURITY_LINK_KEY_FILE",
                key.toString()));

    new SecretFiles().postProcessEnvironment(env, new SpringApplication());

    assertThat(env.getProperty("forewarn.security.link-key")).isEqualTo("given-directly");
  }

  @Test
  void aMissingFileIsAnErrorNamingTheVariable() {
    StandardEnvironment env =
        environment(Map.of("FOREWARN_ADMIN_PASSWORD_FILE", dir.resolve("absent").toString()));

    new SecretFiles().postProcessEnvironment(env, new SpringApplication());

    assertThatThrownBy(() -> env.getProperty("forewarn.admin.password"))
        .hasMessageContaining("forewarn.admin.password-file")
        .hasMessageContaining("absent");
  }

  private static StandardEnvironment environment(Map<String, Object> variables) {
    StandardEnvironment env = new StandardEnvironment();
    env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
    env.getPropertySources()
        .addLast(
            new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    return env;
  }
}
