/**
 * The job itself: its typed configuration (arguments and environment), the graph that connects
 * sources, parsing, detection and sinks, and the entry points that run it locally, on a cluster or
 * from another program.
 */
package dev.forewarn.ingest.job;
