/**
 * The whole flow on one machine: device simulator, telemetry job and outreach service started
 * together on embedded defaults wherever a real service is not there, for a first look and for the
 * end-to-end test.
 */
package dev.forewarn.demo;
