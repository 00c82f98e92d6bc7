/**
 * The rules API: rule documents validated by the {@code rules} library, stored as numbered
 * versions, and published retained over MQTT so that the telemetry job always knows the active
 * version.
 */
package dev.forewarn.outreach.rules;
