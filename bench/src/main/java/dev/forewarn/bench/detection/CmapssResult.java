package dev.forewarn.bench.detection;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The C-MAPSS figures: how many engines were alerted before failure, how many cycles ahead, and how
 * many had an alert while still healthy.
 *
 * @param engines engines in the file
 * @param alertedShare share of engines with a case opened at or before their last cycle
 * @param medianLead median over alerted engines of last cycle minus first alert cycle; NaN when
 *     none was alerted
 * @param p10Lead 10th percentile of that lead
 * @param p90Lead 90th percentile of that lead
 * @param earlyShare share of engines with a case opened more than the early horizon (125 cycles)
 *     before their last cycle
 */
record CmapssResult(
    int engines,
    double alertedShare,
    double medianLead,
    double p10Lead,
    double p90Lead,
    double earlyShare) {

  /** The content of {@code cmapss.json}; lead figures are null when no engine was alerted. */
  Map<String, Object> toJson() {
    Map<String, Object> lead = new LinkedHashMap<>();
    lead.put("median", figure(medianLead));
    lead.put("p10", figure(p10Lead));
    lead.put("p90", figure(p90Lead));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("engines", engines);
    json.put("alerted_before_failure", Outputs.round(alertedShare));
    json.put("lead_cycles", lead);
    json.put("early_alert_share", Outputs.round(earlyShare));
    return json;
  }

  private static Double figure(double value) {
    return Double.isNaN(value) ? null : Outputs.round(value);
  }
}
