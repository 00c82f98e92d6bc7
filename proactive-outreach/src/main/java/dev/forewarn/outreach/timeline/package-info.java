/**
 * One timeline per case: every event of the case thread (opened, updates, each message and its
 * delivery states, replies, acknowledgement, booking, escalation, clearing, feedback) in order.
 */
package dev.forewarn.outreach.timeline;
