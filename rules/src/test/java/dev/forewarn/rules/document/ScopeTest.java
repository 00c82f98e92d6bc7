package dev.forewarn.rules.document;

import static dev.forewarn.rules.TestData.DEVICE;
import static dev.forewarn.rules.TestData.MODEL;
import static dev.forewarn.rules.TestData.OTHER_DEVICE;
import static dev.forewarn.rules.TestData.threshold;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {

  @Test
  void emptyScopeIncludesEveryDeviceEvenWithoutModel() {
    assertThat(Scope.ALL.includes(DEVICE, MODEL)).isTrue();
    assertThat(Scope.ALL.includes(OTHER_DEVICE, "")).isTrue();
  }

  @Test
  void modelScopeIncludesOnlyDevicesOfThoseModels() {
    Scope scope = new Scope(Set.of(), Set.of(MODEL));

    assertThat(scope.includes(DEVICE, MODEL)).isTrue();
    assertThat(scope.includes(DEVICE, "AC-300")).isFalse();
    assertThat(scope.includes(DEVICE, "")).isFalse();
  }

  @Test
  void deviceScopeIncludesOnlyThoseDevices() {
    Scope scope = new Scope(Set.of(DEVICE), Set.of());

    assertThat(scope.includes(DEVICE, "AC-300")).isTrue();
    assertThat(scope.includes(OTHER_DEVICE, MODEL)).isFalse();
  }

  @Test
  void deviceAndModelMustBothMatchWhenBothAreGiven() {
    Scope scope = new Scope(Set.of(DEVICE), Set.of(MODEL));

    assertThat(scope.includes(DEVICE, MODEL)).isTrue();
    assertThat(scope.includes(DEVICE, "AC-300")).isFalse();
    assertThat(scope.includes(OTHER_DEVICE, MODEL)).isFalse();
  }

  @Test
  void ruleAppliesToTheDevicesOfItsScope() {
    Rule rule = threshold().scope(new Scope(Set.of(OTHER_DEVICE), null)).build();

    assertThat(rule.appliesTo(OTHER_DEVICE, MODEL)).isTrue();
    assertThat(rule.appliesTo(DEVICE, MODEL)).isFalse();
  }

  @Test
  void ruleWithoutScopeWatchesEveryDevice() {
    assertThat(threshold().scope(null).build().scope()).isEqualTo(Scope.ALL);
  }

  @Test
  void blankModelInScopeIsRefused() {
    assertThatThrownBy(() -> new Scope(Set.of(), Set.of(" ")))
        .isInstanceOf(RuleValidationException.class)
        .hasMessageStartingWith("scope.models:");
  }
}
