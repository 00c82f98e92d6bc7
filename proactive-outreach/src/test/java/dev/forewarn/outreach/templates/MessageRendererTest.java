package dev.forewarn.outreach.templates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.rules.document.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageRendererTest {

  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
  private static final String LINK = "https://care.example.com/c/0f8e2a4c";

  private final MessageRenderer renderer = new MessageRenderer();

  private static MessageFacts livingRoomAc(Severity severity, Optional<Instant> eta) {
    return new MessageFacts(
        42,
        "Jane",
        "Living room AC",
        severity,
        "compressor-overheat",
        "compressor_temp_c above 85.0 for 2m (now 86.4)",
        eta,
        LINK);
  }

  private Rendered sms(String locale, MessageFacts... facts) {
    return renderer.render(Step.OPENED, ChannelKind.SMS, locale, List.of(facts), NOW);
  }

  @Test
  void smsNamesTheCustomerAndDeviceSaysWhatInPlainWordsWhatToDoAndLinksTheCase() {
    assertThat(sms("en", livingRoomAc(Severity.WARNING, Optional.empty())).text())
        .isEqualTo(
            "Forewarn: Hi Jane, Living room AC needs attention: the compressor is running hotter"
                + " than it should. Please book a service check in the next few days. Reply 1 to"
                + " book a visit, 2 to snooze, ACK if seen. "
                + LINK);
  }

  @Test
  void placeholdersInACustomersNameOrDeviceNicknameAreKeptAsWritten() {
    MessageFacts odd =
        new MessageFacts(
            42,
            "Jo {link}",
            "AC {name} {case}",
            Severity.WARNING,
            "compressor-overheat",
            "compressor_temp_c above 85.0",
            Optional.empty(),
            LINK);

    String text = sms("en", odd).text();

    assertThat(text).startsWith("Forewarn: Hi Jo {link}, AC {name} {case} needs attention:");
    assertThat(text).containsOnlyOnce(LINK);
  }

  @Test
  void predictedTimeToFailureIsSaidOnlyWhenTheRuleGivesOne() {
    Optional<Instant> inFiveHours = Optional.of(NOW.plus(Duration.ofHours(5)));
    Optional<Instant> inThreeDays = Optional.of(NOW.plus(Duration.ofDays(3)));

    assertThat(sms("en", livingRoomAc(Severity.WARNING, inFiveHours)).text())
        .contains("It may stop working within about 5 hours.");
    assertThat(sms("en", livingRoomAc(Severity.WARNING, inThreeDays)).text())
        .contains("within about 3 days");
    assertThat(sms("en", livingRoomAc(Severity.WARNING, Optional.of(NOW.minusSeconds(60)))).text())
        .doesNotContain("stop working");
  }

  @Test
  void koreanTemplateRendersInKoreanAsUcs2WithinThreeSegments() {
    Optional<Instant> eta = Optional.of(NOW.plus(Duration.ofHours(30)));
    String text = sms("ko-KR", livingRoomAc(Severity.CRITICAL, eta)).text();

    assertThat(text)
        .startsWith("[Forewarn] Jane님, Living room AC 점검이 필요합니다: 압축기 온도가 정상보다 높습니다.")
        .contains("약 30시간 안에 고장 날 수 있습니다.")
        .contains("전원을 끄고")
        .endsWith(LINK);
    assertThat(SmsSegments.isGsm7(text)).isFalse();
    assertThat(SmsSegments.count(text)).isBetween(2, MessageRenderer.SMS_MAX_SEGMENTS);
  }

  @Test
  void tooLongSmsFallsBackToTheShortTemplate() {
    MessageFacts wordy =
        new MessageFacts(
            7,
            "Bartholomew-Maximilian " + "von Habsburg-Lothringen ".repeat(6),
            "Basement dehumidifier " + "next to the old boiler ".repeat(6),
            Severity.WARNING,
            "unknown-rule",
            "humidity above 70 % for 2h",
            Optional.empty(),
            LINK);

    String text = sms("en", wordy).text();

    assertThat(text).startsWith("Forewarn: Basement dehumidifier").doesNotContain("Bartholomew");
    assertThat(SmsSegments.count(text)).isLessThanOrEqualTo(MessageRenderer.SMS_MAX_SEGMENTS);
  }

  @Test
  void ruleWithoutPlainWordingUsesItsSummary() {
    MessageFacts other =
        new MessageFacts(
            3,
            "Bo",
            "Garage freezer",
            Severity.INFO,
            "door-open",
            "door open for 10m.",
            Optional.empty(),
            LINK);

    assertThat(sms("en", other).text())
        .contains("Garage freezer needs attention: door open for 10m. No action is needed yet");
  }

  @Test
  void severalCasesOfOneCustomerRenderAsOneGroupedMessage() {
    MessageFacts fridge =
        new MessageFacts(
            43,
            "Jane",
            "Kitchen fridge",
            Severity.WARNING,
            "filter-clogged",
            "x",
            Optional.empty(),
            LINK);

    String text = sms("en", livingRoomAc(Severity.WARNING, Optional.empty()), fridge).text();

    assertThat(text)
        .startsWith("Forewarn: Hi Jane, 2 of your devices need attention.")
        .contains("Living room AC: the compressor is running hotter than it should.")
        .contains("Kitchen fridge: the air filter is getting clogged.");
  }

  @Test
  void emailCarriesTheSameContentAsTextAndEscapedHtmlWithTheLink() {
    MessageFacts sneaky =
        new MessageFacts(
            1,
            "Tom & Jerry",
            "<script>alert(1)</script>",
            Severity.CRITICAL,
            "compressor-overheat",
            "x",
            Optional.empty(),
            LINK);

    Rendered email = renderer.render(Step.OPENED, ChannelKind.EMAIL, "en", List.of(sneaky), NOW);

    assertThat(email.subject()).contains("<script>alert(1)</script> needs attention (case #1)");
    assertThat(email.text()).contains("Hi Tom & Jerry,", "switch it off", LINK);
    assertThat(email.html().orElseThrow())
        .startsWith("<!DOCTYPE html>")
        .doesNotContain("<script>")
        .contains("&lt;script&gt;", "Tom &amp; Jerry", "<a href=\"" + LINK + "\">");
  }

  @Test
  void missingKoreanEmailTemplatesFallBackToEnglishAndRepliesExistInBoth() {
    Rendered reminder =
        renderer.render(
            Step.REMINDER,
            ChannelKind.EMAIL,
            "ko",
            List.of(livingRoomAc(Severity.WARNING, Optional.empty())),
            NOW);

    assertThat(reminder.subject().orElseThrow()).startsWith("Reminder: Living room AC");
    for (Reply reply : Reply.values()) {
      assertThat(renderer.reply(reply, "ko")).startsWith("[Forewarn]");
      assertThat(renderer.reply(reply, "en")).startsWith("Forewarn:");
    }
  }
}
