package dev.forewarn.outreach.notify.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.twilio.exception.ApiConnectionException;
import com.twilio.exception.ApiException;
import dev.forewarn.outreach.notify.DeliveryException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TwilioSmsChannelTest {

  private static ApiException twilioError(int code, int status) {
    return new ApiException(
        "The 'To' number is not valid.", code, null, status, null, null, null, null);
  }

  @Test
  void invalidNumberIsPermanentAndNamesTheTwilioErrorCode() {
    DeliveryException e = TwilioSmsChannel.classify(twilioError(21211, 400));

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("21211", "HTTP 400");
  }

  @Test
  void throttlingAndProviderOutagesAreRetried() {
    assertThat(TwilioSmsChannel.classify(twilioError(20429, 429)).retryable()).isTrue();
    assertThat(
            TwilioSmsChannel.classify(new ApiException("Server Error, no content", 503))
                .retryable())
        .isTrue();
  }

  @Test
  void unsubscribedRecipientIsPermanent() {
    assertThat(TwilioSmsChannel.classify(twilioError(21610, 400)).retryable()).isFalse();
  }

  @Test
  void callsThatGotNoAnswerAreRetriedButMayHaveBeenAccepted() {
    assertThat(
            TwilioSmsChannel.classify(new ApiException("Read timed out", new IOException()))
                .maybeAccepted())
        .isTrue();
    assertThat(TwilioSmsChannel.classify(twilioError(20429, 429)).maybeAccepted()).isFalse();
    assertThat(
            TwilioSmsChannel.classify(new ApiException("Read timed out", new IOException()))
                .retryable())
        .isTrue();
    assertThat(TwilioSmsChannel.classify(new ApiConnectionException("refused")).retryable())
        .isTrue();
  }

  @Test
  void refusesHalfAConfiguration() {
    assertThatThrownBy(
            () ->
                new TwilioProperties(
                    "AC0123456789abcdef0123456789abcdef",
                    null,
                    "+15005550006",
                    URI.create("https://api.twilio.com"),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10)))
        .hasMessageContaining("forewarn.twilio.auth-token is missing");
    assertThat(
            new TwilioProperties(
                    null,
                    null,
                    null,
                    URI.create("https://api.twilio.com"),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10))
                .configured())
        .isFalse();
  }
}
