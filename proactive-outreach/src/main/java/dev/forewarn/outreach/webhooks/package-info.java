/**
 * Twilio's webhooks: delivery status callbacks and inbound SMS, each verified against Twilio's
 * request signature over the configured public URL before anything changes; inbound replies become
 * case actions (book, snooze, acknowledge, stop, start, help, satisfaction score).
 */
package dev.forewarn.outreach.webhooks;
