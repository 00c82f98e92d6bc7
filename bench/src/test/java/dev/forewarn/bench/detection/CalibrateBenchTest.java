package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.rules.reading.Reading;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole command on the synthetic fleet written as a C-MAPSS file. */
class CalibrateBenchTest {

  @TempDir Path dir;

  @Test
  void writesTheDocumentFittedToTheFileAndReturnsItsPath() throws Exception {
    Path data = Files.write(dir.resolve("train_FD001.txt"), rows(SyntheticFleet.readings()));
    Path out = dir.resolve("rules/cmapss.json");

    Path written =
        CalibrateBench.run(
            new CalibrateConfig(
                data, out, Duration.ofHours(90), List.of("s2", "s3"), 1, 125, 5, 0.03));

    assertThat(written).isEqualTo(out);
    JsonNode condition = new ObjectMapper().readTree(out.toFile()).get("condition");
    assertThat(condition.get("metrics").findValuesAsText("worse")).containsExactly("up", "down");
    assertThat(condition.get("model").get("drift").asDouble())
        .isCloseTo(SyntheticFleet.MODEL.drift(), within(1e-4));
    assertThat(condition.get("horizon").asText()).isEqualTo("PT90H");
  }

  @Test
  void refusesEnginesRunUnderSeveralOperatingConditions() throws Exception {
    List<String> lines = new java.util.ArrayList<>(rows(SyntheticFleet.readings()));
    // FD002 and FD004 mix six conditions: setting 1 from 0 to 42, setting 3 at 60 or 100.
    String[] cells = lines.get(40).split(" ");
    cells[2] = "42.0";
    lines.set(40, String.join(" ", cells));
    Path data = Files.write(dir.resolve("train_FD002.txt"), lines);

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                CalibrateBench.run(
                    new CalibrateConfig(
                        data,
                        dir.resolve("x.json"),
                        null,
                        List.of("s2", "s3"),
                        null,
                        null,
                        5,
                        0.03)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("setting1 ranges from")
        .hasMessageContaining("several operating conditions");
    assertThat(dir.resolve("x.json")).doesNotExist();
  }

  /** C-MAPSS rows with s2 and s3 from the readings and every other column 1.5. */
  private static List<String> rows(List<Reading> readings) {
    List<String> rows = new ArrayList<>();
    for (Reading r : readings) {
      List<String> cells = new ArrayList<>(List.of(Cmapss.unitOf(r.deviceId()) + "", r.seq() + ""));
      for (int c = 2; c < 26; c++) {
        cells.add(
            c == 6 ? r.metrics().get("s2") + "" : c == 7 ? r.metrics().get("s3") + "" : "1.5");
      }
      rows.add(String.join(" ", cells));
    }
    return rows;
  }
}
