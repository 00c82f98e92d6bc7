/**
 * The device simulator as a runnable and as a library: {@link
 * dev.forewarn.simulator.SimulatorConfig} parsed once from arguments and environment, {@link
 * dev.forewarn.simulator.Simulator} that paces a fleet's readings onto MQTT, and {@link
 * dev.forewarn.simulator.SimulatorMain}, the command line.
 */
package dev.forewarn.simulator;
