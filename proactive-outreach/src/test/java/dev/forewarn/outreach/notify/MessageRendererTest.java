package dev.forewarn.outreach.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.Severity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageRendererTest {

  private final MessageRenderer renderer = new MessageRenderer();

  private static CaseNotice livingRoomAc(Severity severity) {
    return new CaseNotice(
        42,
        "ac-0001",
        Optional.of("Living room AC"),
        Optional.of("AC-200"),
        severity,
        "compressor_temp_c above 85.0 for 2m (now 86.4)",
        "Jane");
  }

  @Test
  void smsNamesTheDeviceSaysWhatIsHappeningAndWhatToDo() {
    assertThat(renderer.sms(livingRoomAc(Severity.WARNING)))
        .isEqualTo(
            "Forewarn: Hi Jane, Living room AC needs attention. compressor_temp_c above 85.0 for"
                + " 2m (now 86.4). Please book a service check in the next few days. Case #42");
  }

  @Test
  void adviceFollowsSeverity() {
    assertThat(renderer.sms(livingRoomAc(Severity.CRITICAL))).contains("switch it off");
    assertThat(renderer.sms(livingRoomAc(Severity.INFO))).contains("No action is needed yet");
  }

  @Test
  void fallsBackToTheModelThenTheDeviceIdWhenThereIsNoNickname() {
    CaseNotice modelOnly =
        new CaseNotice(
            7, "ac-9", Optional.empty(), Optional.of("AC-200"), Severity.WARNING, "x", "Min-jun");
    CaseNotice bare =
        new CaseNotice(7, "ac-9", Optional.empty(), Optional.empty(), Severity.WARNING, "x", "Bo");

    assertThat(renderer.sms(modelOnly)).contains("Hi Min-jun, your AC-200 needs attention.");
    assertThat(renderer.sms(bare)).contains("Hi Bo, device ac-9 needs attention.");
  }

  @Test
  void emailCarriesTheSameContentAsTextAndHtml() {
    RenderedEmail email = renderer.email(livingRoomAc(Severity.CRITICAL));

    assertThat(email.subject()).isEqualTo("Urgent: Living room AC needs attention (case #42)");
    assertThat(email.text())
        .contains("Hi Jane,", "compressor_temp_c above 85.0", "switch it off", "case number is 42");
    assertThat(email.html())
        .startsWith("<!DOCTYPE html>")
        .contains("<strong>Living room AC</strong>", "compressor_temp_c above 85.0");
  }

  @Test
  void htmlEscapesWhatCustomersAndRulesWrote() {
    CaseNotice sneaky =
        new CaseNotice(
            1,
            "d",
            Optional.of("<script>alert(1)</script>"),
            Optional.empty(),
            Severity.INFO,
            "a < b & c",
            "Tom & Jerry");

    String html = renderer.email(sneaky).html();

    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;", "a &lt; b &amp; c");
    assertThat(html).contains("Tom &amp; Jerry");
  }
}
