package dev.forewarn.outreach.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.forewarn.outreach.Actors;
import dev.forewarn.outreach.Browser;
import dev.forewarn.outreach.CaseEvents;
import dev.forewarn.outreach.OutreachClient;
import dev.forewarn.outreach.TestSchema;
import dev.forewarn.outreach.TwilioStandIn;
import dev.forewarn.outreach.TwilioWebhooks;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole outreach flow with real channels, its log captured: customers are registered, a case
 * goes out by SMS, the SMS provider refuses a number in an error that repeats it, the case falls
 * back to email, a customer asks for a sign-in code. No line of the log holds a full phone number
 * or email address, whoever wrote it; the masked forms are there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class LogMaskingIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final TwilioStandIn TWILIO = new TwilioStandIn().start();
  static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
  static final Duration WAIT = Duration.ofSeconds(20);
  static final String GOOD_PHONE = "+14155550142";
  static final String REFUSED_PHONE = "+14155550199";
  static final String FALLBACK_EMAIL = "rosa.fallback@example.com";
  static final String SIGN_IN_EMAIL = "sam.signin@example.org";

  static {
    SMTP.start();
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    TWILIO.register(registry);
    // Twilio is configured: the service needs the URL its webhooks are signed for.
    registry.add("forewarn.outreach.public-url", () -> TwilioWebhooks.PUBLIC_URL);
    registry.add("spring.mail.host", () -> "127.0.0.1");
    registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
    registry.add("logging.level.dev.forewarn", () -> "DEBUG");
  }

  @AfterAll
  static void stopStandIns() {
    TWILIO.stop();
    SMTP.stop();
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;

  @Test
  void noFullPhoneNumberOrEmailAddressReachesTheLog(CapturedOutput log) {
    OutreachClient api = new OutreachClient(actors.manager());
    TWILIO.refuseNamingTheNumber(REFUSED_PHONE);
    api.owner("Lee", GOOD_PHONE, null, "ac-mask-lee", "Lee AC");
    api.owner("Rosa", REFUSED_PHONE, FALLBACK_EMAIL, "ac-mask-rosa", "Rosa AC");
    api.owner("Sam", null, SIGN_IN_EMAIL, "ac-mask-sam", "Sam AC");
    CaseEvents events = new CaseEvents(jdbc);
    events.insert(CaseEvents.opened("ac-mask-lee"));
    events.insert(CaseEvents.opened("ac-mask-rosa"));
    api.awaitCase("ac-mask-lee", c -> OutreachClient.sent(c, "sms", "opened"));
    api.awaitCase("ac-mask-rosa", c -> OutreachClient.sent(c, "email", "opened"));
    Browser browser = new Browser(actors.baseUrl());
    browser.get("/me/sign-in");
    browser.submit("/me/sign-in/code", Map.of("address", SIGN_IN_EMAIL));
    await().atMost(WAIT).until(() -> SMTP.getReceivedMessages().length >= 2);

    String output = log.getAll();
    assertThat(output)
        .as("the refusal and the sends were logged, masked")
        .contains("+14*****0199 is not a valid phone number", "+14*****0142")
        .contains("r***@example.com", "s***@example.org");
    for (String full : new String[] {GOOD_PHONE, REFUSED_PHONE, FALLBACK_EMAIL, SIGN_IN_EMAIL}) {
      assertThat(output).doesNotContain(full);
    }
  }
}
