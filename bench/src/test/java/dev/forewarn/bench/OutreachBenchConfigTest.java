package dev.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OutreachBenchConfigTest {

  private static final String[] NONE = {};

  @Test
  void defaultsComeFromTheTestEnvironmentThenFromTheOptionTable() {
    OutreachBenchConfig config =
        OutreachBenchConfig.parse(
            NONE, Map.of("FOREWARN_TEST_JDBC_URL", "jdbc:postgresql://db:5432/x"));
    assertThat(config.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/x");
    assertThat(config.jdbcUser()).isEqualTo("forewarn");
    assertThat(config.jdbcPassword()).isEqualTo("forewarn");
    assertThat(config.cases()).isEqualTo(6000);
    assertThat(config.rate()).isEqualTo(200);
    assertThat(config.warmUpCases()).isEqualTo(1000);
    assertThat(config.outboxWorkers()).isEqualTo(4);
  }

  @Test
  void argumentsOutrankTheEnvironment() {
    OutreachBenchConfig config =
        OutreachBenchConfig.parse(
            new String[] {
              "--jdbc-url",
              "jdbc:postgresql://here/y",
              "--cases",
              "50",
              "--rate",
              "10",
              "--warm-up-cases",
              "0",
              "--jdbc-user",
              "u",
              "--outbox-workers",
              "8"
            },
            Map.of("FOREWARN_TEST_JDBC_URL", "jdbc:postgresql://db:5432/x"));
    assertThat(config)
        .isEqualTo(
            new OutreachBenchConfig("jdbc:postgresql://here/y", "u", "forewarn", 50, 10, 0, 8));
  }

  @Test
  void badValuesAreRefusedNamingTheOption() {
    assertThatThrownBy(() -> parse("--cases", "many"))
        .hasMessage("--cases: not a whole number: \"many\"");
    assertThatThrownBy(() -> parse("--rate", "0")).hasMessage("--rate: must be at least 1, was 0");
    assertThatThrownBy(() -> parse("--cases", "100", "--warm-up-cases", "100"))
        .hasMessageStartingWith("--warm-up-cases: must be 0 or more and below --cases (100)");
    assertThatThrownBy(() -> parse("--warm-up-cases", "-1"))
        .hasMessageStartingWith("--warm-up-cases:");
    assertThatThrownBy(() -> parse("--devices", "5"))
        .hasMessageStartingWith("--devices: unknown option; known: --jdbc-url");
    assertThatThrownBy(() -> parse("--rate")).hasMessage("--rate: needs a value");
    assertThatThrownBy(() -> parse("--outbox-workers", "0"))
        .hasMessage("--outbox-workers: must be at least 1, was 0");
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    assertThat(OutreachBenchConfig.help())
        .startsWith("Usage: ./forewarn bench outreach [options]")
        .contains("--cases            cases, one per customer and device (default 6000)")
        .contains(
            "(default jdbc:postgresql://127.0.0.1:5432/forewarn_test, or $FOREWARN_TEST_JDBC_URL)")
        .contains("--rate")
        .contains("--warm-up-cases");
  }

  private static OutreachBenchConfig parse(String... args) {
    return OutreachBenchConfig.parse(args, Map.of());
  }
}
