/**
 * A device's reading and its telemetry payload: {@link dev.forewarn.rules.reading.Reading}, {@link
 * dev.forewarn.rules.reading.ReadingJson} (parse and write one JSON reading, the telemetry topic)
 * and {@link dev.forewarn.rules.reading.ReadingRejectedException} (the field and reason of a
 * refused payload). The streaming parser behind {@code ReadingJson} is package-private.
 */
package dev.forewarn.rules.reading;
