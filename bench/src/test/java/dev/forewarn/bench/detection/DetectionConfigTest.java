package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DetectionConfigTest {

  @Test
  void defaultsPointAtTheSharedBenchmarksAndTheCommittedRules() {
    DetectionConfig config = DetectionConfig.parse(new String[0]);

    assertThat(config.nabData()).isEqualTo(Path.of("../shared/benchmarks/nab/data"));
    assertThat(config.cmapss()).isEqualTo(Path.of("../shared/benchmarks/cmapss/train_FD001.txt"));
    assertThat(config.cmapssTest())
        .isEqualTo(Path.of("../shared/benchmarks/cmapss/test_FD001.txt"));
    assertThat(config.cmapssRul()).isEqualTo(Path.of("../shared/benchmarks/cmapss/RUL_FD001.txt"));
    assertThat(config.out()).isEqualTo(Path.of("bench/results"));
    assertThat(config.rulesDir()).isEqualTo(Path.of("bench/rules"));
  }

  @Test
  void optionsOverrideDefaultsAndLabelsAreFoundBesideTheData() {
    DetectionConfig config =
        DetectionConfig.parse(
            new String[] {"--out", "/tmp/o", "--nab-data", "/x/nab/data", "--rules-dir", "r"});

    assertThat(config.out()).isEqualTo(Path.of("/tmp/o"));
    assertThat(config.rulesDir()).isEqualTo(Path.of("r"));
    assertThat(config.nabWindows()).isEqualTo(Path.of("/x/nab/labels/combined_windows.json"));
    assertThat(config.nabProfiles()).isEqualTo(Path.of("/x/nab/config/profiles.json"));
  }

  @Test
  void refusesUnknownOptionsAndMissingValuesNamingTheOption() {
    assertThatThrownBy(() -> DetectionConfig.parse(new String[] {"--nab", "x"}))
        .hasMessageStartingWith("--nab: unknown option; known: --nab-data, --cmapss");
    assertThatThrownBy(() -> DetectionConfig.parse(new String[] {"--out"}))
        .hasMessage("--out: needs a value");
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    assertThat(DetectionConfig.wantsHelp(new String[] {"--out", "x", "--help"})).isTrue();
    assertThat(DetectionConfig.help())
        .contains("./forewarn bench detection")
        .contains("--nab-data")
        .contains("--cmapss")
        .contains("--cmapss-test")
        .contains("--cmapss-rul")
        .contains("--rules-dir")
        .contains("(default bench/results)");
  }
}
