package dev.forewarn.ingest.detection;

import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.RuleStates;
import dev.forewarn.rules.reading.Reading;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.state.MapState;

/**
 * The current device's states under each rule, kept in keyed state as {@link RuleStates} bytes
 * behind the version of the rule they were made under: small, independent of Java serialization,
 * and telling whether a state still belongs to the active version without any scan of all devices
 * when a rule changes (a state of an older version is dropped when next read).
 *
 * <p>Bytes written before the version was kept (they start with {@link RuleStates}' own format
 * byte) are read as belonging to the active version, which is what they were: the job then dropped
 * every state of a replaced rule at once. Bytes that cannot be decoded fail loudly, naming device
 * and rule: starting such a device afresh would silently forget its open cases, and for a bad
 * restore it would do so for every device.
 */
final class DeviceRuleStates {

  /**
   * The first byte of versioned state; {@link RuleStates} starts with its format version 1 or 2.
   */
  private static final byte VERSIONED = 0x7F;

  private static final int HEADER = 1 + Integer.BYTES;

  /**
   * A state and the rule version it was made under.
   *
   * @param version the rule version, or {@link #UNVERSIONED} for bytes older than versions
   */
  record Stored(int version, RuleState state) {
    static final int UNVERSIONED = -1;

    /** Whether this state belongs to another version than {@code active}. */
    boolean staleFor(int active) {
      return version != UNVERSIONED && version != active;
    }
  }

  private final MapState<String, byte[]> states;

  DeviceRuleStates(MapState<String, byte[]> states) {
    this.states = states;
  }

  /**
   * The device's state under a rule, or null before its first reading.
   *
   * @throws IllegalStateException when the stored bytes cannot be decoded
   */
  Stored load(String ruleId, String deviceId) throws Exception {
    byte[] stored = states.get(ruleId);
    if (stored == null) {
      return null;
    }
    try {
      if (stored.length > 0 && stored[0] == VERSIONED) {
        int version = ByteBuffer.wrap(stored, 1, Integer.BYTES).getInt();
        return new Stored(
            version, RuleStates.decode(Arrays.copyOfRange(stored, HEADER, stored.length)));
      }
      return new Stored(Stored.UNVERSIONED, RuleStates.decode(stored));
    } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IllegalStateException(
          "state of device "
              + deviceId
              + " under rule "
              + ruleId
              + " cannot be decoded ("
              + e.getMessage()
              + "); refusing to start it afresh, which would forget its open case. Restore"
              + " from a checkpoint this version of the job can read.",
          e);
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

  /** Stores the new state, unless it equals the previous one of the same version. */
  void store(String ruleId, int version, Stored previous, RuleState next) throws Exception {
    if (previous != null && previous.version() == version && next.equals(previous.state())) {
      return;
    }
    byte[] state = RuleStates.encode(next);
    states.put(
        ruleId,
        ByteBuffer.allocate(HEADER + state.length)
            .put(VERSIONED)
            .putInt(version)
            .put(state)
            .array());
  }

  void remove(String ruleId) throws Exception {
    states.remove(ruleId);
  }

  boolean isEmpty() throws Exception {
    return states.isEmpty();
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
