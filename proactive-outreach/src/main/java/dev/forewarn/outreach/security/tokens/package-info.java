/**
 * API tokens for scripts and other services: made and revoked by a manager, shown once, kept only
 * as a SHA-256 hash, sent as {@code Authorization: Bearer}, each with a role.
 */
package dev.forewarn.outreach.security.tokens;
