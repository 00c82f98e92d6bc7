package dev.forewarn.outreach.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that finds a predicted time of failure in a case's evidence: a number named {@code
 * eta_epoch_s}, or ending in {@code _eta_epoch_s}, in seconds since the epoch. Rules that forecast
 * put it there; others leave it out and messages say nothing about an ETA.
 */
public final class Eta {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY = "eta_epoch_s";

  private Eta() {}

  /** The ETA in an evidence object (JSON), when there is a finite one. */
  public static Optional<Instant> fromEvidence(String evidenceJson) {
    try {
      JsonNode evidence = JSON.readTree(evidenceJson == null ? "{}" : evidenceJson);
      JsonNode exact = evidence.get(KEY);
      if (exact != null && exact.isNumber()) {
        return instant(exact.asDouble());
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = evidence.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        if (field.getKey().endsWith("_" + KEY) && field.getValue().isNumber()) {
          return instant(field.getValue().asDouble());
        }
      }
      return Optional.empty();
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> instant(double seconds) {
    if (!Double.isFinite(seconds) || seconds <= 0 || seconds > 32_503_680_000d) {
      return Optional.empty();
    }
    return Optional.of(Instant.ofEpochMilli(Math.round(seconds * 1000)));
  }
}
