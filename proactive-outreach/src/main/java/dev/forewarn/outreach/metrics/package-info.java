/**
 * The service's metrics in Micrometer's Prometheus registry: cases and timeline entries, provider
 * calls by channel and outcome, case-to-provider latency, dead letters by kind of reason.
 */
package dev.forewarn.outreach.metrics;
