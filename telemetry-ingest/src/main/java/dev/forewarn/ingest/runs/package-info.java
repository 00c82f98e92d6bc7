/**
 * Short runs of the job on shared services (the demo, the benchmarks): a ledger of what each run
 * makes outside its own process, written before it makes it, so that the run removes all of it at
 * its end and a run that never reached its end (killed, crashed) is cleaned up by the next one; and
 * the servers such a run may start for itself ({@link dev.forewarn.ingest.runs.Commands} finds
 * their programs, {@link dev.forewarn.ingest.runs.Influxd} configures an InfluxDB of its own).
 */
package dev.forewarn.ingest.runs;
