package dev.forewarn.outreach.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;

/**
 * The one place that finds a predicted time of failure in a case event: rules that forecast put
 * {@code eta_seconds}, the time from the event's {@code occurred_at} to the predicted crossing, in
 * its evidence (docs/contracts.md), and {@code eta_confidence} beside it; others leave it out and
 * messages say nothing about an ETA.
 */
public final class Eta {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "eta_seconds";

  /** About 1,000 years: anything further is no forecast worth telling a customer. */
  private static final double MAX_SECONDS = 3.2e10;

  private Eta() {}

  /** The ETA of an event with this evidence object (JSON), when it has a finite one. */
  public static Optional<Instant> fromEvidence(String evidenceJson, Instant occurredAt) {
    try {
      JsonNode seconds = JSON.readTree(evidenceJson == null ? "{}" : evidenceJson).get(KEY);
      if (seconds == null || !seconds.isNumber()) {
        return Optional.empty();
      }
      double value = seconds.asDouble();
      if (!Double.isFinite(value) || value < 0 || value > MAX_SECONDS) {
        return Optional.empty();
      }
      return Optional.of(occurredAt.plusMillis(Math.round(value * 1000)));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }
}
