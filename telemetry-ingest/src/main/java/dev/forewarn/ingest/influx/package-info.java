/**
 * The history sink: every accepted reading becomes one InfluxDB point (v1 HTTP API through
 * influxdb-java), written in batches. Points are keyed by device and the device's own timestamp, so
 * a reading replayed after a restart overwrites itself.
 */
package dev.forewarn.ingest.influx;
