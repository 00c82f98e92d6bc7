/**
 * Devices as operators see them: registration and ownership changes (through {@code customers}),
 * the newest reading, health and open cases of each, and telemetry series downsampled by InfluxDB.
 */
package dev.forewarn.outreach.devices;
