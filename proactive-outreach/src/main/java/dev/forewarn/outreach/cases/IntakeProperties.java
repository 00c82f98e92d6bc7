package dev.forewarn.outreach.cases;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Case intake settings ({@code forewarn.intake.*}).
 *
 * @param pollInterval longest wait between two looks for new case events when no {@code NOTIFY
 *     case_events} arrives
 * @param batchSize case events handled per transaction
 * @param timerInterval longest wait between two looks for cases whose acknowledgement window ran
 *     out (a window falling due shortens it)
 */
@Validated
@ConfigurationProperties("forewarn.intake")
public record IntakeProperties(
    @NotNull @DefaultValue("1s") Duration pollInterval,
    @Min(1) @Max(10_000) @DefaultValue("100") int batchSize,
    @NotNull @DefaultValue("30s") Duration timerInterval) {

  public IntakeProperties {
    if (pollInterval != null && (pollInterval.isNegative() || pollInterval.isZero())) {
      throw new IllegalArgumentException(
          "forewarn.intake.poll-interval must be positive: " + pollInterval);
    }
  }
}
