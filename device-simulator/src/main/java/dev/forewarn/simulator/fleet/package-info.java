/**
 * What the fleet plays, without any MQTT: each device's scenario and trajectory, drawn
 * deterministically from the seed, the impairments (noise, gaps, duplicates, late readings, devices
 * going offline), the ordered script of messages, and the ground truth of when each device really
 * fails.
 */
package dev.forewarn.simulator.fleet;
