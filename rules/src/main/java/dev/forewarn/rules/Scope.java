package dev.forewarn.rules;

import java.util.Set;

/**
 * Which devices a rule watches. An empty set means "any": a scope with no device ids and no models
 * applies to every device.
 *
 * @param deviceIds device ids the rule is limited to, or empty for all
 * @param models product models the rule is limited to, or empty for all
 */
public record Scope(Set<String> deviceIds, Set<String> models) {

  public static final Scope ALL = new Scope(Set.of(), Set.of());

  public Scope {
    deviceIds = deviceIds == null ? Set.of() : Set.copyOf(deviceIds);
    models = models == null ? Set.of() : Set.copyOf(models);
  }

  /** Whether a device of this model is inside the scope. */
  public boolean includes(String deviceId, String model) {
    return (deviceIds.isEmpty() || deviceIds.contains(deviceId))
        && (models.isEmpty() || models.contains(model));
  }
}
