package dev.forewarn.rules;

import java.util.Set;

/**
 * Which devices a rule watches. An empty set means "any": a scope with no device ids and no models
 * applies to every device. Both conditions must hold when both are given.
 *
 * @param deviceIds device ids the rule is limited to, or empty for all; null means empty
 * @param models product models the rule is limited to, or empty for all; null means empty
 */
public record Scope(Set<String> deviceIds, Set<String> models) {

  /** Every device. */
  public static final Scope ALL = new Scope(Set.of(), Set.of());

  public Scope {
    deviceIds = deviceIds == null ? Set.of() : Set.copyOf(deviceIds);
    models = models == null ? Set.of() : Set.copyOf(models);
    deviceIds.forEach(id -> RuleChecks.word(id, "scope.deviceIds", "device id"));
    models.forEach(model -> RuleChecks.word(model, "scope.models", "model"));
  }

  /**
   * Whether a device of this model is inside the scope. A device whose model is unknown (empty) is
   * outside every scope that names models.
   */
  public boolean includes(String deviceId, String model) {
    return (deviceIds.isEmpty() || deviceIds.contains(deviceId))
        && (models.isEmpty() || models.contains(model));
  }
}
