/**
 * Managers and agents: stored in PostgreSQL with bcrypt password hashes, signing in with the form
 * at {@code /login}; the first manager comes from the environment, the others through {@code
 * /api/users}.
 */
package dev.forewarn.outreach.security.users;
