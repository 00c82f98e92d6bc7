package dev.forewarn.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The demo's degrading scenario with a fleet that speaks SenML, and one of Sparkplug B edge nodes,
 * each run as a user runs {@code ./forewarn demo --format ...} on the real Mosquitto and InfluxDB:
 * their cases open as early as a Forewarn JSON fleet's, and none of their readings is a dead
 * letter.
 */
class DemoFormatsIT {

  /** How much later than the JSON fleet's a first case may open on a loaded machine. */
  private static final Duration LATENESS = Duration.ofSeconds(3);

  @TempDir static Path state;

  private static DemoProcess.Summary json;

  @BeforeAll
  static void jsonFleet() throws Exception {
    json = completeRun("json");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"senml", "sparkplug"})
  void aFleetSpeakingTheFormatHasItsCasesAsEarlyAsAJsonFleet(String format) throws Exception {
    DemoProcess.Summary run = completeRun(format);

    assertThat(run.deadLetters()).isZero();
    assertThat(run.readings()).isGreaterThanOrEqualTo(json.readings() * 9 / 10);
    assertThat(run.firstCase())
        .hasValueSatisfying(
            firstCase ->
                assertThat(firstCase)
                    .isLessThanOrEqualTo(json.firstCase().orElseThrow().plus(LATENESS)));
  }

  /** Runs a demo of 20 s whose fleet speaks the format, to its end, and returns its summary. */
  private static DemoProcess.Summary completeRun(String format) throws Exception {
    try (DemoProcess run =
        DemoProcess.start(
            "format-" + format, state, DemoProcess.shortFleet(20, "--format", format))) {
      assertThat(run.awaitExit(DemoProcess.START_UP.plus(DemoProcess.STOPPING))).isZero();
      System.out.println(format + ": " + run.summaryLine());
      DemoProcess.Summary summary = run.summary();
      assertThat(summary.casesOpened()).as("cases opened by the %s fleet", format).isEqualTo(2);
      assertThat(summary.deadLetters()).as("dead letters of the %s fleet", format).isZero();
      return summary;
    }
  }
}
