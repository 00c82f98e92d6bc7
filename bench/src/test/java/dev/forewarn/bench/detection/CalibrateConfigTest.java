package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrateConfigTest {

  @Test
  void defaultsReadTheSharedTrainingFileAndWriteTheCommittedCmapssRule() {
    CalibrateConfig config = CalibrateConfig.parse(new String[0]);

    assertThat(config.cmapss()).isEqualTo(Path.of("../shared/benchmarks/cmapss/train_FD001.txt"));
    assertThat(config.out()).isEqualTo(Path.of("bench/rules/cmapss.json"));
    assertThat(config.horizon()).isNull();
    assertThat(config.modes()).isNull();
    assertThat(config.lifeCap()).isNull();
    assertThat(config.candidates()).isEqualTo(RemainingLifeCrossValidation.Candidates.all());
    assertThat(config.folds()).isEqualTo(5);
    assertThat(config.earlyShare()).isEqualTo(RemainingLifeCrossValidation.EARLY_SHARE);
    assertThat(config.earlyShare()).isLessThan(RemainingLifeCrossValidation.MAX_EARLY_SHARE);
    assertThat(config.metrics())
        .containsExactly(
            "s2", "s3", "s4", "s7", "s8", "s9", "s11", "s12", "s13", "s14", "s15", "s17", "s20",
            "s21");
  }

  @Test
  void optionsOverrideDefaults() {
    CalibrateConfig config =
        CalibrateConfig.parse(
            new String[] {
              "--out",
              "/tmp/r.json",
              "--horizon",
              "PT80H",
              "--metrics",
              "s2, s7",
              "--modes",
              "2",
              "--life-cap",
              "140",
              "--early-share",
              "0.05"
            });

    assertThat(config.out()).isEqualTo(Path.of("/tmp/r.json"));
    assertThat(config.horizon()).isEqualTo(Duration.ofHours(80));
    assertThat(config.metrics()).containsExactly("s2", "s7");
    assertThat(config.candidates())
        .isEqualTo(
            new RemainingLifeCrossValidation.Candidates(
                List.of(2), List.of(140), List.of(80), 0.05));
  }

  @Test
  void refusesBadOptionsNamingTheOption() {
    assertThatThrownBy(() -> CalibrateConfig.parse(new String[] {"--rules-dir", "x"}))
        .hasMessageStartingWith("--rules-dir: unknown option; known: --cmapss, --out");
    assertThatThrownBy(() -> CalibrateConfig.parse(new String[] {"--horizon"}))
        .hasMessage("--horizon: needs a value");
    assertThatThrownBy(() -> CalibrateConfig.parse(new String[] {"--horizon", "105"}))
        .hasMessage("--horizon: not an ISO-8601 duration such as PT105H (\"105\")");
    assertThatThrownBy(() -> CalibrateConfig.parse(new String[] {"--horizon", "PT0S"}))
        .hasMessage("--horizon: must be more than zero, got PT0S");
    assertThatThrownBy(() -> CalibrateConfig.parse(new String[] {"--metrics", "s2,,s3"}))
        .hasMessage("--metrics: an empty name in \"s2,,s3\"");
    assertThatThrownBy(() -> CalibrateConfig.parse(new String[] {"--metrics", "s2,s2"}))
        .hasMessage("--metrics: a metric named twice in \"s2,s2\"");
    assertThatThrownBy(() -> CalibrateConfig.parse(new String[] {"--modes", "5"}))
        .hasMessage("--modes: auto or a whole number from 1 to 4, got 5");
    assertThatThrownBy(() -> CalibrateConfig.parse(new String[] {"--life-cap", "0"}))
        .hasMessage("--life-cap: auto or a whole number from 1 up, got 0");
    assertThatThrownBy(() -> CalibrateConfig.parse(new String[] {"--early-share", "5"}))
        .hasMessage("--early-share: a number from 0 to 1, got 5");
  }

  @Test
  void helpListsEveryOptionWithItsDefault() {
    assertThat(CalibrateConfig.wantsHelp(new String[] {"--out", "x", "-h"})).isTrue();
    assertThat(CalibrateConfig.help())
        .contains("./forewarn bench calibrate")
        .contains("--cmapss")
        .contains("(default bench/rules/cmapss.json)")
        .contains("(default auto)")
        .contains("--modes")
        .contains("--life-cap")
        .contains("--metrics");
  }
}
