package dev.forewarn.ingest.detection;

import dev.forewarn.rules.document.Rule;

/**
 * What a rule document does to the active rules. Retained documents are delivered again on every
 * reconnect, so the same version must change nothing, and an older version arriving late must not
 * roll a rule back.
 */
enum RuleChange {
  /** A rule that was not active becomes active. */
  ADDED,
  /** A newer version replaces the active one; each device drops its old state when next read. */
  REPLACED,
  /** The rule is no longer active; each device drops its state under it when next read. */
  REMOVED,
  /** The active version again, or a removal of a rule that is not active: nothing to do. */
  UNCHANGED,
  /** An older version than the active one: ignored. */
  OLDER_IGNORED,
  /** The active version number with different content: ignored, a change needs a new version. */
  CONFLICT_IGNORED;

  /**
   * @param current the active version, or null
   * @param incoming the published version, or null for a removal
   */
  static RuleChange of(Rule current, Rule incoming) {
    if (incoming == null) {
      return current == null ? UNCHANGED : REMOVED;
    }
    if (current == null) {
      return ADDED;
    }
    if (incoming.version() > current.version()) {
      return REPLACED;
    }
    if (incoming.version() < current.version()) {
      return OLDER_IGNORED;
    }
    return incoming.equals(current) ? UNCHANGED : CONFLICT_IGNORED;
  }
}
