package dev.forewarn.ingest.detection;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A change to the active rules as the rules reader saw it: the active version of a rule as
 * published on {@code forewarn/rules/{ruleId}}, its removal, or the end of the retained set that
 * the broker delivered after a connect ({@link #synced}). It travels as text, which every parallel
 * instance of the detection parses for itself.
 *
 * @param ruleId the rule id, from the topic; {@link #SYNCED} for the end of a retained set
 * @param document the rule document (validated upstream), empty when the rule was removed, or for
 *     the end of a retained set the ids of the rules it held, one per line
 */
public record RuleUpdate(String ruleId, String document) {

  /** The rule id of an end-of-retained-set update; no rule id can start with an underscore. */
  public static final String SYNCED = "_synced";

  /** The rule was removed: its retained message was cleared. */
  public static RuleUpdate removal(String ruleId) {
    return new RuleUpdate(ruleId, "");
  }

  /**
   * The complete retained set after a connect: a rule active in the job but not in it was removed
   * while the reader was away, since a removal is not retained for a later reader.
   */
  public static RuleUpdate synced(Collection<String> retainedRuleIds) {
    return new RuleUpdate(SYNCED, String.join("\n", retainedRuleIds));
  }

  public boolean isRemoval() {
    return document.isEmpty() && !isSynced();
  }

  public boolean isSynced() {
    return SYNCED.equals(ruleId);
  }

  /** The rule ids of a {@link #synced} update. */
  public Set<String> retainedRuleIds() {
    return document.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(document.split("\n")));
  }
}
