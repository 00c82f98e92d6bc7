/**
 * Proactive outreach: cases from case events, customers and their devices, the outbox and its
 * channels, and the REST API. Each sub-package is one feature.
 */
package dev.forewarn.outreach;
