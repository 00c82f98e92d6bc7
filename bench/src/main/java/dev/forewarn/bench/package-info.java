/**
 * Benchmarks that measure Forewarn's hot paths on this machine's real services, printing progress
 * and one result line: {@code ./forewarn bench ingest} and {@code ./forewarn bench outreach}.
 */
package dev.forewarn.bench;
