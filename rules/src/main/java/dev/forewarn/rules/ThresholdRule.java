package dev.forewarn.rules;

import java.time.Duration;

/**
 * Opens a case when a metric stays on the bad side of {@code level} for at least {@code
 * sustainedFor} and {@code minPoints} readings; clears it only once the metric is back past {@code
 * clearLevel}, so that a value hovering around the level does not flap.
 *
 * @param id stable rule id
 * @param version rule version, 1 or more
 * @param name human name
 * @param scope devices watched
 * @param severity severity of the cases it opens
 * @param metric the metric name in readings
 * @param direction which side of the level is bad
 * @param level the breach level
 * @param clearLevel the level the metric must get back past to clear; on the good side of level
 * @param sustainedFor how long the breach must last before a case opens; zero opens at once
 * @param minPoints how many breaching readings in a row are needed, 1 or more
 */
public record ThresholdRule(
    String id,
    int version,
    String name,
    Scope scope,
    Severity severity,
    String metric,
    Direction direction,
    double level,
    double clearLevel,
    Duration sustainedFor,
    int minPoints)
    implements Rule {}
