/**
 * Shared wiring: the loop that wakes intake and dispatch when PostgreSQL sends a notification, with
 * polling as the fallback.
 */
package dev.forewarn.outreach.config;
