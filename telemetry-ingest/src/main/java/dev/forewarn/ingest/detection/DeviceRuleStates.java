package dev.forewarn.ingest.detection;

import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.RuleStates;
import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.state.MapState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current device's states under each rule, kept in keyed state as {@link RuleStates} bytes:
 * small, and independent of Java serialization of the state classes.
 */
final class DeviceRuleStates {

  private static final Logger LOG = LoggerFactory.getLogger(DeviceRuleStates.class);

  private final MapState<String, byte[]> states;

  DeviceRuleStates(MapState<String, byte[]> states) {
    this.states = states;
  }

  /** The device's state under a rule, or null before its first reading (or when unreadable). */
  RuleState load(String ruleId, String deviceId) throws Exception {
    byte[] stored = states.get(ruleId);
    if (stored == null) {
      return null;
    }
    try {
      return RuleStates.decode(stored);
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "state of device={} rule={} unreadable, starting afresh: {}",
          deviceId,
          ruleId,
          e.getMessage());
      return null;
    }
  }

  /** The ids of the rules the current device has a state under. */
  List<String> ruleIds() throws Exception {
    List<String> ids = new ArrayList<>();
    for (String id : states.keys()) {
      ids.add(id);
    }
    return ids;
  }

  /** Stores the new state, unless it equals the previous one (an ignored reading). */
  void store(String ruleId, RuleState previous, RuleState next) throws Exception {
    if (!next.equals(previous)) {
      states.put(ruleId, RuleStates.encode(next));
    }
  }

  /**
   * Whether the evaluator ignores this reading as not newer than the last one it evaluated for the
   * device under the rule.
   */
  static boolean notNewer(RuleState previous, Reading reading) {
    Instant last = previous == null ? null : previous.lastTs();
    return last != null && !reading.ts().isAfter(last);
  }
}
