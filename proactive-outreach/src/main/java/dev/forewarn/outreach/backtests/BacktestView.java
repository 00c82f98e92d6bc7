package dev.forewarn.outreach.backtests;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import java.time.Instant;
import java.util.List;

/**
 * A backtest as the API shows it while it runs and when it is done.
 *
 * @param id backtest id
 * @param status RUNNING, DONE or FAILED
 * @param rules the rule document replayed
 * @param devices the devices of the selection
 * @param from start of the range
 * @param to end of the range
 * @param progress how far it is
 * @param error why it failed
 * @param result what the rule would have done, once DONE
 * @param createdBy who asked for it
 * @param createdAt when
 * @param finishedAt when it ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BacktestView(
    long id,
    String status,
    @JsonRawValue String rules,
    List<String> devices,
    Instant from,
    Instant to,
    Progress progress,
    String error,
    @JsonRawValue String result,
    String createdBy,
    Instant createdAt,
    Instant finishedAt) {

  /**
   * @param stepsDone history windows read and replayed
   * @param stepsTotal windows in all (devices × windows per device)
   * @param fraction stepsDone / stepsTotal
   * @param readings readings read so far
   */
  public record Progress(int stepsDone, int stepsTotal, double fraction, long readings) {}
}
