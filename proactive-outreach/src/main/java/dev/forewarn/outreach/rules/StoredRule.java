package dev.forewarn.outreach.rules;

import java.time.Instant;

/**
 * One stored version of a rule.
 *
 * @param id rule id
 * @param version version number, from 1
 * @param document the rule JSON of this version
 * @param active whether this is the version in force
 * @param createdAt when the version was stored
 */
record StoredRule(String id, int version, String document, boolean active, Instant createdAt) {}
