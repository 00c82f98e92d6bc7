/**
 * The PostgreSQL sinks: case events, written idempotently under their stable event id and announced
 * with {@code NOTIFY case_events}, and dead letters. Rows are written in small batches within
 * milliseconds, not only at checkpoints, because the time from a reading to its case matters.
 */
package dev.forewarn.ingest.cases;
