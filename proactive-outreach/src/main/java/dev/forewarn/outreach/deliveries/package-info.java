/** The delivery log: every outbox message per channel with its outcome, and counts of outcomes. */
package dev.forewarn.outreach.deliveries;
