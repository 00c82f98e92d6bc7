/**
 * What each customer wants: the order of channels per severity, quiet hours in their own time zone,
 * their language, per-channel opt-outs, and the route a case's messages take as a result.
 */
package dev.forewarn.outreach.preferences;
