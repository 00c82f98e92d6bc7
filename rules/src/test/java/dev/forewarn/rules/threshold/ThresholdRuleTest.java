package dev.forewarn.rules.threshold;

import static dev.forewarn.rules.TestData.threshold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.forewarn.rules.document.RuleValidationException;
import dev.forewarn.rules.document.Scope;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A rule built in code is held to the same constraints, and field names, as a parsed one. */
class ThresholdRuleTest {

  @Test
  void refusesClearLevelOnTheBadSideOfLevel() {
    RuleValidationException e =
        catchThrowableOfType(
            RuleValidationException.class, () -> threshold().levels(85.0, 86.0).build());

    assertThat(e.field()).isEqualTo("clearLevel");
  }

  @Test
  void acceptsClearLevelEqualToLevel() {
    assertThat(
            ((ThresholdCondition) threshold().levels(85.0, 85.0).build().condition()).clearLevel())
        .isEqualTo(85.0);
  }

  @Test
  void refusesNegativeSustainedFor() {
    RuleValidationException e =
        catchThrowableOfType(
            RuleValidationException.class,
            () -> threshold().sustainedFor(Duration.ofSeconds(-1)).build());

    assertThat(e.field()).isEqualTo("sustainedFor");
  }

  @Test
  void refusesInvalidIdVersionAndMinPoints() {
    assertThat(fieldRefused(() -> threshold().id("has space").build())).isEqualTo("id");
    assertThat(fieldRefused(() -> threshold().version(0).build())).isEqualTo("version");
    assertThat(fieldRefused(() -> threshold().minPoints(0).build())).isEqualTo("minPoints");
  }

  @Test
  void refusesNonFiniteLevels() {
    assertThat(fieldRefused(() -> threshold().levels(Double.NaN, 80.0).build())).isEqualTo("level");
    assertThat(fieldRefused(() -> threshold().levels(85.0, Double.NEGATIVE_INFINITY).build()))
        .isEqualTo("clearLevel");
  }

  @Test
  void refusesMissingSeverity() {
    assertThat(fieldRefused(() -> threshold().severity(null).build())).isEqualTo("severity");
  }

  @Test
  void refusesBlankDeviceIdInScope() {
    assertThat(fieldRefused(() -> threshold().scope(new Scope(Set.of(""), null)).build()))
        .isEqualTo("scope.deviceIds");
  }

  private static String fieldRefused(Runnable build) {
    RuleValidationException e = catchThrowableOfType(RuleValidationException.class, build::run);
    assertThat(e).isNotNull();
    return e.field();
  }
}
