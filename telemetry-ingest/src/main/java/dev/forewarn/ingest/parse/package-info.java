/**
 * Parsing and validation at the edge: each MQTT telemetry message becomes a reading, or a dead
 * letter that keeps the raw payload and the reason naming the field. Nothing here fails the job.
 */
package dev.forewarn.ingest.parse;
