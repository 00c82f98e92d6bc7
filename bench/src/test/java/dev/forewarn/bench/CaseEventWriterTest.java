package dev.forewarn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CaseEventWriterTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  @Test
  void eventIFallsDueAtIOverRateSeconds() {
    assertThat(CaseEventWriter.dueBy(0, 200)).isEqualTo(1); // event 0 at the start
    assertThat(CaseEventWriter.dueBy(SECOND / 200 - 1, 200)).isEqualTo(1);
    assertThat(CaseEventWriter.dueBy(SECOND / 200, 200)).isEqualTo(2);
    assertThat(CaseEventWriter.dueBy(SECOND, 200)).isEqualTo(201);
    assertThat(CaseEventWriter.dueBy(30 * SECOND, 200)).isEqualTo(6001);
  }
}
