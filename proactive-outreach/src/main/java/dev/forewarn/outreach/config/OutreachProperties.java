package dev.forewarn.outreach.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the service talks to customers ({@code forewarn.outreach.*}).
 *
 * @param publicUrl the address customers and Twilio reach this service at: the base of self-service
 *     links, of the status-callback URL, and of the URL webhook signatures are checked against
 * @param channelOrder channels tried in order when a customer has set none for a severity
 * @param ackWindow how long a customer has to acknowledge a warning or info case before a reminder,
 *     and again after the reminder before an agent is asked to step in
 * @param criticalAckWindow the same for critical cases
 * @param snooze how long a reply of 2 postpones reminders
 * @param budgetPerCustomerPerDay proactive notifications a customer gets in any 24 hours
 * @param budgetPerDevicePerWeek proactive notifications about one device in any 7 days
 * @param groupWindow how long a new case's first message waits for other cases of the same customer
 *     to go out together; messages still waiting (quiet hours, budget, retries) are grouped anyway
 */
@Validated
@ConfigurationProperties("forewarn.outreach")
public record OutreachProperties(
    @NotNull @DefaultValue("http://localhost:8080") URI publicUrl,
    @NotEmpty @DefaultValue({"sms", "app", "email"}) List<String> channelOrder,
    @NotNull @DefaultValue("24h") Duration ackWindow,
    @NotNull @DefaultValue("1h") Duration criticalAckWindow,
    @NotNull @DefaultValue("24h") Duration snooze,
    @Min(1) @Max(1000) @DefaultValue("5") int budgetPerCustomerPerDay,
    @Min(1) @Max(1000) @DefaultValue("10") int budgetPerDevicePerWeek,
    @NotNull @DefaultValue("0s") Duration groupWindow) {

  public OutreachProperties {
    if (channelOrder != null) {
      for (String channel : channelOrder) {
        if (!List.of("sms", "email", "app").contains(channel)) {
          throw new IllegalArgumentException(
              "forewarn.outreach.channel-order: '" + channel + "' is not sms, email or app");
        }
      }
    }
    if (publicUrl != null && publicUrl.getScheme() == null) {
      throw new IllegalArgumentException(
          "forewarn.outreach.public-url must be absolute, e.g. https://care.example.com");
    }
  }

  /** The public URL without a trailing slash, to append paths to. */
  public String base() {
    String url = publicUrl.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
