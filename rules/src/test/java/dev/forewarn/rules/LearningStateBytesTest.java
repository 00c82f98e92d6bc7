package dev.forewarn.rules;

import static dev.forewarn.rules.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * State bytes of the benchmark documents' kinds of rule: exact round trips and the size per
 * device-rule once everything is learned.
 */
class LearningStateBytesTest {

  static final String NAB_LIKE =
      "{\"id\":\"drift\",\"severity\":\"warning\",\"condition\":{\"type\":\"any-opens\","
          + "\"cooldown\":\"P2D\",\"conditions\":["
          + "{\"minPoints\":3,\"cooldown\":\"P1D\",\"condition\":{\"type\":\"baseline-drift\","
          + "\"metric\":\"value\",\"k\":3.2,\"clearK\":1.6,\"halfLife\":\"P90D\","
          + "\"smoothing\":\"PT15M\",\"warmupPoints\":2,\"warmupDuration\":\"P1D\"}},"
          + "{\"minPoints\":2,\"cooldown\":\"P3D\",\"condition\":{\"type\":\"baseline-drift\","
          + "\"metric\":\"value\",\"input\":\"delta\",\"k\":4.8,\"clearK\":2.4,"
          + "\"halfLife\":\"P7D\",\"warmupPoints\":2,\"warmupDuration\":\"P1D\","
          + "\"freezeWhileDeviating\":false}},"
          + "{\"minPoints\":2,\"cooldown\":\"P2D\",\"condition\":{\"type\":\"baseline-drift\","
          + "\"metric\":\"value\",\"k\":6.4,\"clearK\":3.2,\"halfLife\":\"P28D\","
          + "\"spreadHalfLife\":\"P30D\",\"warmupPoints\":2,\"warmupDuration\":\"P7D\","
          + "\"seasonality\":{\"period\":\"P7D\",\"bucket\":\"PT1H\"}}}]}}";

  static final List<String> SENSORS =
      List.of(
          "s2", "s3", "s4", "s7", "s8", "s9", "s11", "s12", "s13", "s14", "s15", "s17", "s20",
          "s21");

  static final String CMAPSS_LIKE =
      "{\"id\":\"index\",\"severity\":\"warning\",\"minPoints\":3,\"condition\":{"
          + "\"type\":\"deviation-index\",\"metrics\":[\"s2\",\"s3\",\"s4\",\"s7\",\"s8\",\"s9\","
          + "\"s11\",\"s12\",\"s13\",\"s14\",\"s15\",\"s17\",\"s20\",\"s21\"],"
          + "\"warmupPoints\":30,\"smoothingHalfLife\":3,\"k\":1.2,"
          + "\"forecast\":{\"window\":20,\"limit\":2.0,\"horizon\":45,\"minSlope\":0.001}}}";

  @Test
  void aWeekOfFiveMinuteReadingsUnderTheNabDocumentFitsInTwoKilobytes() {
    Rule rule = RuleJson.parse(NAB_LIKE);
    Reading[] readings =
        Series.of(T0, Duration.ofMinutes(5), 3 * 2016, i -> 50 + 10 * Series.wobble(i)).clone();
    Replay throughBytes = Replay.storingStateAsBytes(rule);
    Replay direct = Replay.of(rule);
    int largest = 0;
    for (Reading reading : readings) {
      Reading value =
          TestData.reading(
              reading.ts(), Map.of("value", reading.metrics().values().iterator().next()));
      throughBytes.feed(value);
      direct.feed(value);
      largest = Math.max(largest, RuleStates.encode(direct.state()).length);
    }

    assertThat(throughBytes.state()).isEqualTo(direct.state());
    assertThat(throughBytes.decisions()).isEqualTo(direct.decisions());
    assertThat(largest).isLessThanOrEqualTo(1800);
  }

  @Test
  void theCmapssDocumentKeepsUnderSixHundredBytes() {
    Rule rule = RuleJson.parse(CMAPSS_LIKE);
    Replay throughBytes = Replay.storingStateAsBytes(rule);
    Replay direct = Replay.of(rule);
    int largest = 0;
    for (int cycle = 0; cycle < 200; cycle++) {
      Map<String, Double> metrics = new HashMap<>();
      for (int s = 0; s < SENSORS.size(); s++) {
        metrics.put(SENSORS.get(s), 100 * s + Series.wobble(cycle * 31 + s) + cycle * 0.01);
      }
      Reading reading = TestData.reading(T0.plus(Duration.ofHours(cycle)), metrics);
      throughBytes.feed(reading);
      direct.feed(reading);
      largest = Math.max(largest, RuleStates.encode(direct.state()).length);
    }

    assertThat(throughBytes.state()).isEqualTo(direct.state());
    assertThat(throughBytes.decisions()).isEqualTo(direct.decisions());
    assertThat(largest).isLessThanOrEqualTo(600);
  }

  @Test
  void refusesTruncatedStates() {
    Rule rule = RuleJson.parse(CMAPSS_LIKE);
    Replay replay = Replay.of(rule);
    Map<String, Double> metrics = new HashMap<>();
    SENSORS.forEach(s -> metrics.put(s, 1.0));
    replay.feed(TestData.reading(T0, metrics));
    byte[] bytes = RuleStates.encode(replay.state());

    assertThatThrownBy(() -> RuleStates.decode(Arrays.copyOf(bytes, bytes.length - 3)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
