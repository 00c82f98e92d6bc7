package dev.forewarn.outreach.notify.sms;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Twilio credentials ({@code forewarn.twilio.*}). Without account SID, auth token and sender number
 * SMS goes to the sandbox; giving only some of them is a startup error.
 *
 * @param accountSid the account SID, {@code AC} and 32 hex digits
 * @param authToken the auth token
 * @param fromNumber the Twilio sender number in E.164
 * @param baseUrl where the Twilio REST API lives; a local stand-in in tests
 * @param connectTimeout longest wait for a connection (from the pool, then to connect)
 * @param readTimeout longest wait for Twilio's answer
 */
@Validated
@ConfigurationProperties("forewarn.twilio")
public record TwilioProperties(
    @Pattern(regexp = "AC[0-9a-fA-F]{32}", message = "must be AC followed by 32 hex digits")
        String accountSid,
    String authToken,
    @Pattern(regexp = "\\+[1-9][0-9]{1,14}", message = "must be E.164, e.g. +14155550100")
        String fromNumber,
    @NotNull @DefaultValue("https://api.twilio.com") URI baseUrl,
    @NotNull @DefaultValue("5s") Duration connectTimeout,
    @NotNull @DefaultValue("10s") Duration readTimeout) {

  public TwilioProperties {
    List<String> given = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    (isBlank(accountSid) ? missing : given).add("account-sid");
    (isBlank(authToken) ? missing : given).add("auth-token");
    (isBlank(fromNumber) ? missing : given).add("from-number");
    requirePositive("connect-timeout", connectTimeout);
    requirePositive("read-timeout", readTimeout);
    if (!given.isEmpty() && !missing.isEmpty()) {
      throw new IllegalArgumentException(
          "forewarn.twilio." + missing.get(0) + " is missing: " + given + " alone cannot send SMS");
    }
  }

  /** Whether SMS can really be sent. */
  public boolean configured() {
    return !isBlank(accountSid);
  }

  /** Never shows the auth token, should the properties be logged. */
  @Override
  public String toString() {
    return "TwilioProperties[accountSid="
        + accountSid
        + ", authToken="
        + (isBlank(authToken) ? "-" : "(hidden)")
        + ", fromNumber="
        + fromNumber
        + ", baseUrl="
        + baseUrl
        + ", connectTimeout="
        + connectTimeout
        + ", readTimeout="
        + readTimeout
        + "]";
  }

  private static void requirePositive(String name, Duration value) {
    if (value != null && (value.isNegative() || value.isZero())) {
      throw new IllegalArgumentException("forewarn.twilio." + name + " must be positive: " + value);
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
