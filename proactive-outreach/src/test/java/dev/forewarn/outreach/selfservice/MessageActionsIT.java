package dev.forewarn.outreach.selfservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.outreach.Actors;
import dev.forewarn.outreach.Browser;
import dev.forewarn.outreach.CaseEvents;
import dev.forewarn.outreach.OutreachClient;
import dev.forewarn.outreach.TestSchema;
import dev.forewarn.rules.document.Severity;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every action a message offers is on the page its link opens, and the page offers nothing the
 * message did not: for the first message, an update with a higher severity, and the survey after
 * resolution, in English and Korean, by SMS and by email. The offers are read from the message text
 * with the template phrases for each action; the page's from its buttons.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class MessageActionsIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final String PUBLIC_URL = "https://care.forewarn.test";
  static final Pattern LINK = Pattern.compile(Pattern.quote(PUBLIC_URL) + "(/c/[A-Za-z0-9._-]+)");
  static final Pattern BUTTON = Pattern.compile("data-action=\"([a-z]+)\"");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    registry.add("forewarn.outreach.public-url", () -> PUBLIC_URL);
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;

  @ParameterizedTest
  @ValueSource(strings = {"en:sms", "ko:sms", "en:email", "ko:email"})
  void theMessageAndItsPageOfferTheSameActions(String localeAndChannel) {
    String locale = localeAndChannel.split(":")[0];
    String channel = localeAndChannel.split(":")[1];
    OutreachClient api = new OutreachClient(actors.manager());
    String device = "ac-offer-" + UUID.randomUUID().toString().substring(0, 8);
    long customer =
        api.post(
                "/api/customers",
                Map.of(
                    "name",
                    "Ari",
                    "phone",
                    "+1555" + (1_000_000 + (int) (Math.random() * 8_999_999)),
                    "email",
                    device + "@example.com",
                    "locale",
                    locale),
                201)
            .get("id")
            .asLong();
    api.device(device, customer, "Hall AC");
    api.preferences(
        customer,
        Map.of(
            "channelOrder",
            Map.of("WARNING", java.util.List.of(channel), "CRITICAL", java.util.List.of(channel))));
    CaseEvents events = new CaseEvents(jdbc);

    events.insert(CaseEvents.opened(device));
    JsonNode opened = api.awaitCase(device, c -> OutreachClient.sent(c, channel, "opened"));
    long caseId = opened.get("id").asLong();
    assertSameActions(locale, channel, text(opened, channel, "opened"));

    events.insertUpdate(device, Severity.CRITICAL, Map.of("compressor_temp_c", 91.0));
    JsonNode updated =
        api.awaitCase(device, c -> OutreachClient.sent(c, channel, "updated-critical"));
    assertSameActions(locale, channel, text(updated, channel, "updated-critical"));

    actors.agent().postForEntity("/api/cases/" + caseId + "/resolve", null, String.class);
    JsonNode surveyed = api.awaitCase(device, c -> OutreachClient.sent(c, channel, "survey"));
    String survey = text(surveyed, channel, "survey");
    if (LINK.matcher(survey).find()) {
      assertSameActions(locale, channel, survey);
    } else {
      // A survey by SMS is answered by reply; it links no page, and offers the score alone.
      assertThat(offered(locale, channel, survey)).containsExactly("feedback");
    }
  }

  private void assertSameActions(String locale, String channel, String message) {
    Matcher link = LINK.matcher(message);
    assertThat(link.find()).as("a link in: %s", message).isTrue();
    String page = new Browser(actors.baseUrl()).get(link.group(1)).body();
    Set<String> buttons = new TreeSet<>();
    Matcher button = BUTTON.matcher(page);
    while (button.find()) {
      buttons.add(button.group(1));
    }
    assertThat(offered(locale, channel, message)).as("offered by: %s", message).isEqualTo(buttons);
  }

  /** The actions whose phrase for this channel and language the message contains. */
  private static Set<String> offered(String locale, String channel, String message) {
    Properties phrases = templates(locale);
    Set<String> offered = new TreeSet<>();
    Map.of("ACKNOWLEDGE", "acknowledge", "BOOK", "book", "SNOOZE", "snooze", "RATE", "feedback")
        .forEach(
            (action, name) -> {
              String phrase = phrases.getProperty("offer." + channel + "." + action);
              if (message.contains(phrase)) {
                offered.add(name);
              }
            });
    return offered;
  }

  private static String text(JsonNode theCase, String channel, String step) {
    return OutreachClient.notification(theCase, channel, step).get("text").asText();
  }

  private static Properties templates(String locale) {
    Properties properties = new Properties();
    try (var in =
        MessageActionsIT.class.getResourceAsStream("/templates/" + locale + ".properties")) {
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties;
  }
}
