package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The choices of the remaining-life cross-validation, on FD001's training engines. */
class RemainingLifeCrossValidationTest {

  private static final Path FD001 = Path.of("../../shared/benchmarks/cmapss/train_FD001.txt");

  private static final List<String> METRICS = List.of("s2", "s3", "s4", "s7", "s11", "s12");

  @Test
  void choosesTheLargestHorizonWhoseEarlyShareStaysWithinTheBound() throws IOException {
    assumeTrue(Files.isReadable(FD001), FD001 + " is not here: the shared benchmarks are missing");
    List<Engine> engines = Engine.of(Cmapss.read(FD001));
    List<Integer> horizons = List.of(90, 100, 110, 120);

    RemainingLifeCrossValidation.Chosen chosen =
        RemainingLifeCrossValidation.choose(
            engines,
            METRICS,
            new RemainingLifeCrossValidation.Candidates(List.of(1), List.of(125), horizons),
            5);

    int h = chosen.choice().horizon();
    assertThat(chosen.choice()).isEqualTo(new RemainingLifeCrossValidation.Choice(1, 125, h));
    assertThat(chosen.result().earlyShare())
        .isLessThanOrEqualTo(RemainingLifeCrossValidation.EARLY_SHARE);
    // The next horizon tried, scored the same way, alerts too many engines early.
    int next = horizons.get(horizons.indexOf(h) + 1);
    RemainingLifeCrossValidation.Chosen beyond =
        RemainingLifeCrossValidation.choose(
            engines,
            METRICS,
            new RemainingLifeCrossValidation.Candidates(List.of(1), List.of(125), List.of(next)),
            5);
    assertThat(beyond.result().earlyShare())
        .isGreaterThan(RemainingLifeCrossValidation.EARLY_SHARE);
    assertThat(beyond.result().medianLead()).isGreaterThan(chosen.result().medianLead());
  }

  @Test
  void scoresEveryFoldWithAChoiceMadeWithoutItsEngines() throws IOException {
    assumeTrue(Files.isReadable(FD001), FD001 + " is not here: the shared benchmarks are missing");
    List<Engine> engines = Engine.of(Cmapss.read(FD001));

    RemainingLifeCrossValidation.Outcome outcome =
        RemainingLifeCrossValidation.run(
            engines,
            METRICS,
            new RemainingLifeCrossValidation.Candidates(
                List.of(1, 2), List.of(125), List.of(100, 110)),
            5);

    assertThat(outcome.choices()).hasSize(5);
    assertThat(outcome.result().engines()).isEqualTo(100);
    // Each fold's choice is the one its four other folds make on their own.
    List<Engine> withoutFirst = engines.stream().filter(e -> engines.indexOf(e) % 5 != 0).toList();
    assertThat(outcome.choices().get(0))
        .isEqualTo(
            RemainingLifeCrossValidation.choose(
                    withoutFirst,
                    METRICS,
                    new RemainingLifeCrossValidation.Candidates(
                        List.of(1, 2), List.of(125), List.of(100, 110)),
                    4)
                .choice());
  }
}
