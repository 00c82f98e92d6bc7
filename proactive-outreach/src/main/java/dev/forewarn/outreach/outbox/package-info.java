/**
 * The outbox: one row per (case, step, channel) written in the same transaction as the case, and
 * the dispatcher that claims due rows under a lease, calls the channel outside any transaction and
 * records the outcome, retrying with backoff when a retry can help.
 */
package dev.forewarn.outreach.outbox;
