package dev.forewarn.outreach.notify.app;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * In-app inbox stream settings ({@code forewarn.inbox.*}).
 *
 * @param heartbeat how often an idle stream gets a comment line, so that proxies keep it open and a
 *     client that went away is noticed; also the longest wait for new messages when no {@code
 *     NOTIFY app_inbox} arrives
 * @param streamTimeout how long one stream stays open; the client reconnects with {@code
 *     Last-Event-ID} and misses nothing
 */
@Validated
@ConfigurationProperties("forewarn.inbox")
public record InboxProperties(
    @NotNull @DefaultValue("15s") Duration heartbeat,
    @NotNull @DefaultValue("30m") Duration streamTimeout,
    @Min(1) @Max(100) @DefaultValue("5") int maxStreamsPerCustomer) {

  public InboxProperties {
    requirePositive("heartbeat", heartbeat);
    requirePositive("stream-timeout", streamTimeout);
  }

  private static void requirePositive(String name, Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException("forewarn.inbox." + name + " must be positive: " + value);
    }
  }
}
