package dev.forewarn.outreach.rules;

import java.time.Instant;

/**
 * One stored version of a rule, with the state of the rule as a whole.
 *
 * @param id rule id
 * @param version version number, from 1
 * @param document the rule JSON of this version
 * @param active whether this is the version in force
 * @param createdAt when the version was stored
 * @param activeVersion the rule's version in force (this one or another), null when none is
 * @param deletedAt when the rule was deleted, null while it is not
 * @param publishedVersion the version the broker last acknowledged for the rule, null if none
 * @param publishedActive whether that acknowledgement published the version (true) or withdrew the
 *     rule (false)
 * @param publishedAt when the broker acknowledged it
 */
record StoredRule(
    String id,
    int version,
    String document,
    boolean active,
    Instant createdAt,
    Integer activeVersion,
    Instant deletedAt,
    Integer publishedVersion,
    Boolean publishedActive,
    Instant publishedAt) {

  /**
   * Whether the broker holds the rule's current state, as the job reads it: the version in force,
   * or nothing when no version is.
   */
  boolean published() {
    if (publishedVersion == null) {
      return false;
    }
    return activeVersion == null
        ? !publishedActive
        : publishedActive && publishedVersion.equals(activeVersion);
  }
}
