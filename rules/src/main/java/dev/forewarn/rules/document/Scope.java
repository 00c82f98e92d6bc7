package dev.forewarn.rules.document;

import java.util.Map;
import java.util.Set;

/**
 * Which devices a rule watches. An empty set means "any": a scope with no device ids, no models and
 * no tags applies to every device. Every condition that is given must hold.
 *
 * @param deviceIds device ids the rule is limited to, or empty for all; null means empty
 * @param models product models the rule is limited to, or empty for all; null means empty
 * @param tags tags a device's readings must all carry with these values, or empty for any; null
 *     means empty
 */
public record Scope(Set<String> deviceIds, Set<String> models, Map<String, String> tags) {

  /** Every device. */
  public static final Scope ALL = new Scope(Set.of(), Set.of(), Map.of());

  public Scope {
    deviceIds = deviceIds == null ? Set.of() : Set.copyOf(deviceIds);
    models = models == null ? Set.of() : Set.copyOf(models);
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    deviceIds.forEach(id -> RuleChecks.word(id, "scope.deviceIds", "device id"));
    models.forEach(model -> RuleChecks.word(model, "scope.models", "model"));
    tags.forEach(
        (name, value) -> {
          RuleChecks.word(name, "scope.tags", "tag name");
          RuleChecks.word(value, "scope.tags." + name, "tag value");
        });
  }

  /** A scope of device ids and models only. */
  public Scope(Set<String> deviceIds, Set<String> models) {
    this(deviceIds, models, Map.of());
  }

  /**
   * Whether a device of this model is inside the scope, when its tags are not known. A device whose
   * model is unknown (empty) is outside every scope that names models, and a device whose tags are
   * unknown is outside every scope that names tags.
   */
  public boolean includes(String deviceId, String model) {
    return includes(deviceId, model, Map.of());
  }

  /** Whether a device of this model, whose readings carry these tags, is inside the scope. */
  public boolean includes(String deviceId, String model, Map<String, String> deviceTags) {
    return (deviceIds.isEmpty() || deviceIds.contains(deviceId))
        && (models.isEmpty() || models.contains(model))
        && tags.entrySet().stream()
            .allMatch(tag -> tag.getValue().equals(deviceTags.get(tag.getKey())));
  }
}
