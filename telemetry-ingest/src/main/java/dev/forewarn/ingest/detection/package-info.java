/**
 * Rule evaluation: readings keyed by device meet the rules, which arrive as retained rule documents
 * on a broadcast stream. The function only loads the per-device state, calls the evaluators of the
 * rules library, stores the new state and emits case events.
 */
package dev.forewarn.ingest.detection;
