/**
 * Benchmarks that measure Forewarn's hot paths on this machine's real services, printing progress
 * and one result line: {@code ./forewarn bench ingest}.
 */
package dev.forewarn.bench;
