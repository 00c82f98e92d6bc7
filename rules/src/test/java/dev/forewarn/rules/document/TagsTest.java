package dev.forewarn.rules.document;

import static dev.forewarn.rules.TestData.DEVICE;
import static dev.forewarn.rules.TestData.MODEL;
import static dev.forewarn.rules.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.forewarn.rules.TestData;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import dev.forewarn.rules.reading.ReadingRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Device tags: in telemetry payloads, in readings and in rule scopes. */
class TagsTest {

  private static final Scope NORTH = new Scope(Set.of(), Set.of(), Map.of("site", "north"));

  @Test
  void readingsCarryTagsThroughThePayload() {
    Reading reading =
        new Reading(DEVICE, T0, 7, MODEL, Map.of("t", 1.0), Map.of("site", "north", "floor", "2"));

    byte[] payload = ReadingJson.write(reading);

    assertThat(new String(payload, StandardCharsets.UTF_8))
        .endsWith("\"tags\":{\"floor\":\"2\",\"site\":\"north\"}}");
    assertThat(ReadingJson.parse(DEVICE, payload)).isEqualTo(reading);
  }

  @Test
  void refusesATagThatIsNotAString() {
    byte[] payload =
        "{\"ts\":\"2026-11-22T10:00:00Z\",\"seq\":1,\"metrics\":{\"t\":1},\"tags\":{\"site\":4}}"
            .getBytes(StandardCharsets.UTF_8);

    ReadingRejectedException e =
        catchThrowableOfType(
            ReadingRejectedException.class, () -> ReadingJson.parse(DEVICE, payload));

    assertThat(e.getMessage()).isEqualTo("tags.site: not a string (4)");
  }

  @Test
  void aScopeWithTagsWatchesOnlyReadingsThatCarryThem() {
    Rule rule = TestData.threshold().scope(NORTH).build();
    Reading north = new Reading(DEVICE, T0, 1, MODEL, Map.of("t", 1.0), Map.of("site", "north"));
    Reading south = new Reading(DEVICE, T0, 1, MODEL, Map.of("t", 1.0), Map.of("site", "south"));

    assertThat(rule.appliesTo(north)).isTrue();
    assertThat(rule.appliesTo(south)).isFalse();
    assertThat(rule.appliesTo(DEVICE, MODEL)).isFalse();
    assertThat(TestData.overheat().appliesTo(south)).isTrue();
  }

  @Test
  void refusesABlankTagValueInAScopeByPath() {
    RuleValidationException e =
        catchThrowableOfType(
            RuleValidationException.class,
            () -> new Scope(Set.of(), Set.of(), Map.of("site", " ")));

    assertThat(e.field()).isEqualTo("scope.tags.site");
  }
}
