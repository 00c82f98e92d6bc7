package dev.forewarn.ingest.detection;

import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.reading.Reading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The active rules, indexed by the device ids their scopes name, so that a reading meets only the
 * rules that may watch its device: with a rule per device, checking every rule on every reading
 * would cost as much as the fleet is large. A per-instance copy of the broadcast state, rebuilt
 * from it after a restore.
 */
final class RuleIndex {

  private final Map<String, Rule> byId = new HashMap<>();
  private final Map<String, List<Rule>> byDevice = new HashMap<>();
  private final List<Rule> anyDevice = new ArrayList<>();

  static RuleIndex of(Iterable<Map.Entry<String, ActiveRule>> rules) {
    RuleIndex index = new RuleIndex();
    rules.forEach(entry -> index.put(entry.getValue().rule()));
    return index;
  }

  /** Adds a rule, replacing the active version with the same id. */
  void put(Rule rule) {
    remove(rule.id());
    byId.put(rule.id(), rule);
    if (rule.scope().deviceIds().isEmpty()) {
      anyDevice.add(rule);
    } else {
      rule.scope()
          .deviceIds()
          .forEach(device -> byDevice.computeIfAbsent(device, d -> new ArrayList<>()).add(rule));
    }
  }

  void remove(String ruleId) {
    Rule old = byId.remove(ruleId);
    if (old == null) {
      return;
    }
    anyDevice.remove(old);
    for (String device : old.scope().deviceIds()) {
      List<Rule> rules = byDevice.get(device);
      rules.remove(old);
      if (rules.isEmpty()) {
        byDevice.remove(device);
      }
    }
  }

  /** The rules whose scope includes the reading's device, by id, model and tags. */
  List<Rule> rulesFor(Reading reading) {
    List<Rule> candidates = new ArrayList<>(anyDevice);
    candidates.addAll(byDevice.getOrDefault(reading.deviceId(), List.of()));
    candidates.removeIf(rule -> !rule.appliesTo(reading));
    return candidates;
  }

  /** The active rule with this id, or null. */
  Rule rule(String ruleId) {
    return byId.get(ruleId);
  }

  int size() {
    return byId.size();
  }
}
