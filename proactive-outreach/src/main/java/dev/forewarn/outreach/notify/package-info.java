/**
 * Notification channels behind one narrow interface, the sandbox that stands in for an unconfigured
 * channel, the message templates and the masking of addresses in logs.
 */
package dev.forewarn.outreach.notify;
