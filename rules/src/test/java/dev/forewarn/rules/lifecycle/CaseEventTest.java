package dev.forewarn.rules.lifecycle;

import static dev.forewarn.rules.TestData.DEVICE;
import static dev.forewarn.rules.TestData.OTHER_DEVICE;
import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.T0_PLUS_2M;
import static dev.forewarn.rules.TestData.T0_PLUS_5M;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.rules.document.Severity;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CaseEventTest {

  @Test
  void aSupersededEventHasOneStableIdPerCaseAndNoEvidence() {
    CaseEvent first =
        CaseEvent.superseded(
            "ac-0001",
            "compressor-overheat",
            1,
            Severity.WARNING,
            Instant.parse("2026-11-22T11:00:00Z"),
            Instant.parse("2026-11-22T10:00:00Z"),
            "rule compressor-overheat version 1 replaced by version 2");
    CaseEvent replayed =
        CaseEvent.superseded(
            "ac-0001",
            "compressor-overheat",
            1,
            Severity.WARNING,
            Instant.parse("2026-11-22T12:00:00Z"),
            Instant.parse("2026-11-22T10:00:00Z"),
            "rule compressor-overheat removed");

    assertThat(first.type()).isEqualTo(CaseEvent.Type.SUPERSEDED);
    assertThat(first.eventId()).isEqualTo(replayed.eventId());
    assertThat(first.eventId())
        .isEqualTo(
            CaseEvent.idFor(
                "ac-0001",
                "compressor-overheat",
                1,
                CaseEvent.Type.SUPERSEDED,
                Instant.parse("2026-11-22T10:00:00Z")))
        .isNotEqualTo(
            CaseEvent.idFor(
                "ac-0001",
                "compressor-overheat",
                1,
                CaseEvent.Type.CLEARED,
                Instant.parse("2026-11-22T10:00:00Z")));
    assertThat(first.evidence()).isEmpty();
  }

  private static Decision open(String ruleId, int version, Instant at, Instant episodeStart) {
    return new Decision(
        Decision.Kind.OPEN,
        ruleId,
        version,
        Severity.WARNING,
        at,
        episodeStart,
        Map.of("value", 90.0),
        "compressor_temp_c above 85.0 for 2m (now 90.0)");
  }

  private static Decision overheatOpen() {
    return open("compressor-overheat", 1, T0_PLUS_2M, T0);
  }

  /**
   * The expected id is pinned: it was computed outside Java (MD5 of the name, version 3 and IETF
   * variant bits set), so any change to the formula fails here before it breaks deduplication of
   * events already stored.
   */
  @Test
  void eventIdIsTheDocumentedNameBasedUuid() {
    String name = "ac-0001|compressor-overheat|1|OPENED|2026-11-22T10:00:00Z";

    assertThat(CaseEvent.of(DEVICE, overheatOpen()).eventId())
        .isEqualTo(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString())
        .isEqualTo("ee63c90e-8b1a-3c49-86fa-c0cd7eb73dfe");
  }

  @Test
  void eventIdIgnoresWhenTheDecisionWasMadeAndWhatItSays() {
    Decision later =
        new Decision(
            Decision.Kind.OPEN,
            "compressor-overheat",
            1,
            Severity.CRITICAL,
            T0_PLUS_5M,
            T0,
            Map.of("value", 99.0),
            "another sentence");

    assertThat(CaseEvent.of(DEVICE, later).eventId())
        .isEqualTo(CaseEvent.of(DEVICE, overheatOpen()).eventId());
  }

  @Test
  void eventIdDiffersByDeviceRuleVersionTypeAndEpisode() {
    Decision clear =
        new Decision(
            Decision.Kind.CLEAR,
            "compressor-overheat",
            1,
            Severity.WARNING,
            T0_PLUS_5M,
            T0,
            Map.of(),
            "");
    List<String> ids =
        List.of(
            CaseEvent.of(DEVICE, overheatOpen()).eventId(),
            CaseEvent.of(OTHER_DEVICE, overheatOpen()).eventId(),
            CaseEvent.of(DEVICE, open("fan-stall", 1, T0_PLUS_2M, T0)).eventId(),
            CaseEvent.of(DEVICE, open("compressor-overheat", 2, T0_PLUS_2M, T0)).eventId(),
            CaseEvent.of(DEVICE, open("compressor-overheat", 1, T0_PLUS_2M, T0.plusMillis(1)))
                .eventId(),
            CaseEvent.of(DEVICE, clear).eventId());

    assertThat(ids).doesNotHaveDuplicates();
  }

  @Test
  void caseEventCopiesTheDecision() {
    CaseEvent event = CaseEvent.of(DEVICE, overheatOpen());

    assertThat(event.type()).isEqualTo(CaseEvent.Type.OPENED);
    assertThat(event.deviceId()).isEqualTo(DEVICE);
    assertThat(event.ruleId()).isEqualTo("compressor-overheat");
    assertThat(event.ruleVersion()).isEqualTo(1);
    assertThat(event.severity()).isEqualTo(Severity.WARNING);
    assertThat(event.occurredAt()).isEqualTo(T0_PLUS_2M);
    assertThat(event.episodeStart()).isEqualTo(T0);
    assertThat(event.evidence()).containsExactly(Map.entry("value", 90.0));
    assertThat(event.summary()).startsWith("compressor_temp_c above");
  }

  @Test
  void evidenceIsSortedByNameWhateverOrderItWasGivenIn() {
    Map<String, Double> reversed = new LinkedHashMap<>();
    reversed.put("value", 1.0);
    reversed.put("points", 2.0);
    reversed.put("level", 3.0);
    reversed.put("breach_seconds", 4.0);

    Decision decision =
        new Decision(Decision.Kind.OPEN, "r", 1, Severity.INFO, T0, T0, reversed, "s");

    assertThat(decision.evidence().keySet())
        .containsExactly("breach_seconds", "level", "points", "value");
    assertThat(CaseEvent.of(DEVICE, decision).evidence().toString())
        .isEqualTo("{breach_seconds=4.0, level=3.0, points=2.0, value=1.0}");
  }

  @Test
  void evidenceRefusesNonFiniteNumbersNamingThem() {
    assertThatThrownBy(
            () ->
                new Decision(
                    Decision.Kind.OPEN,
                    "r",
                    1,
                    Severity.INFO,
                    T0,
                    T0,
                    Map.of("value", Double.NaN),
                    "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("evidence.value");
  }

  @Test
  void evidenceCannotBeChangedAfterwards() {
    CaseEvent event = CaseEvent.of(DEVICE, overheatOpen());

    assertThatThrownBy(() -> event.evidence().put("x", 1.0))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
