package dev.forewarn.outreach.backtests;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What to backtest: one rule, saved ({@code ruleId}, optionally {@code ruleVersion}) or a draft
 * document ({@code rule}), over a selection of devices (ids, a customer's, a model's; together they
 * add up) and a time range of the stored history.
 *
 * @param rule a draft rule document, not stored; or null
 * @param ruleId a saved rule; or null
 * @param ruleVersion a version of the saved rule; null for its newest
 * @param devices device ids
 * @param customerId every device of this customer
 * @param model every registered device of this model
 * @param from start of the range, inclusive
 * @param to end of the range, exclusive
 * @param failures known failures: device id to the time it failed, for lead times
 * @param earlyHorizon an alert earlier than this before its device's failure counts as early
 *     (default 7 days)
 */
public record BacktestRequest(
    JsonNode rule,
    String ruleId,
    Integer ruleVersion,
    List<String> devices,
    Long customerId,
    String model,
    Instant from,
    Instant to,
    Map<String, Instant> failures,
    Duration earlyHorizon) {

  public BacktestRequest {
    devices = devices == null ? List.of() : List.copyOf(devices);
    failures = failures == null ? Map.of() : Map.copyOf(failures);
  }
}
