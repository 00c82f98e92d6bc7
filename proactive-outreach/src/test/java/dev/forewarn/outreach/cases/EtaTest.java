package dev.forewarn.outreach.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EtaTest {

  @Test
  void readsEtaEpochSecondsOrAFieldEndingInIt() {
    assertThat(Eta.fromEvidence("{\"eta_epoch_s\": 1795428000, \"temp\": 86.4}"))
        .contains(Instant.ofEpochSecond(1795428000));
    assertThat(Eta.fromEvidence("{\"forecast_eta_epoch_s\": 1795428000.5}"))
        .contains(Instant.ofEpochMilli(1795428000500L));
  }

  @Test
  void noEtaWhenAbsentNotANumberOrNonsense() {
    assertThat(Eta.fromEvidence("{\"compressor_temp_c\": 86.4}")).isEmpty();
    assertThat(Eta.fromEvidence("{\"eta_epoch_s\": \"soon\"}")).isEmpty();
    assertThat(Eta.fromEvidence("{\"eta_epoch_s\": -5}")).isEmpty();
    assertThat(Eta.fromEvidence("not json")).isEmpty();
    assertThat(Eta.fromEvidence(null)).isEmpty();
  }
}
