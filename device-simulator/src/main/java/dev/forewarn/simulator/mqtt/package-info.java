/**
 * Publishing over MQTT with Eclipse Paho's asynchronous client: a bounded in-flight window instead
 * of a blocking wait per message, the fleet's connections with their online status and last will,
 * and a raw publisher that measures how fast a broker accepts prepared payloads.
 */
package dev.forewarn.simulator.mqtt;
