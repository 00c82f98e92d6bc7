package dev.forewarn.outreach.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EtaTest {

  private static final Instant OCCURRED = Instant.parse("2026-11-22T10:00:00Z");

  @Test
  void theEtaIsTheEventTimePlusEtaSeconds() {
    assertThat(Eta.fromEvidence("{\"eta_seconds\": 21600, \"eta_confidence\": 0.8}", OCCURRED))
        .contains(Instant.parse("2026-11-22T16:00:00Z"));
    assertThat(Eta.fromEvidence("{\"eta_seconds\": 0.5}", OCCURRED))
        .contains(OCCURRED.plusMillis(500));
  }

  @Test
  void noEtaWhenAbsentNotANumberOrNonsense() {
    assertThat(Eta.fromEvidence("{\"compressor_temp_c\": 86.4}", OCCURRED)).isEmpty();
    assertThat(Eta.fromEvidence("{\"eta_seconds\": \"soon\"}", OCCURRED)).isEmpty();
    assertThat(Eta.fromEvidence("{\"eta_seconds\": -5}", OCCURRED)).isEmpty();
    assertThat(Eta.fromEvidence("{\"eta_seconds\": 1e300}", OCCURRED)).isEmpty();
    assertThat(Eta.fromEvidence("not json", OCCURRED)).isEmpty();
    assertThat(Eta.fromEvidence(null, OCCURRED)).isEmpty();
  }
}
