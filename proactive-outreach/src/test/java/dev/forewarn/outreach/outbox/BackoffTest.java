package dev.forewarn.outreach.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private static final Duration FIRST = Duration.ofSeconds(2);
  private static final Duration MAX = Duration.ofMinutes(1);

  @Test
  void doublesWithEachAttemptWhenJitterIsAtItsTop() {
    Backoff backoff = new Backoff(FIRST, MAX, () -> 0.999_999);

    assertThat(backoff.after(1)).isBetween(Duration.ofMillis(1999), FIRST);
    assertThat(backoff.after(2)).isBetween(Duration.ofMillis(3999), Duration.ofSeconds(4));
    assertThat(backoff.after(3)).isBetween(Duration.ofMillis(7999), Duration.ofSeconds(8));
  }

  @Test
  void jitterShavesOffAtMostHalf() {
    Backoff lowest = new Backoff(FIRST, MAX, () -> 0.0);

    assertThat(lowest.after(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(lowest.after(3)).isEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void neverWaitsLongerThanTheCapEvenAfterManyAttempts() {
    Backoff backoff = new Backoff(FIRST, MAX, () -> 0.999_999);

    assertThat(backoff.after(6)).isLessThanOrEqualTo(MAX);
    assertThat(backoff.after(500)).isLessThanOrEqualTo(MAX).isGreaterThan(MAX.dividedBy(2));
  }

  @Test
  void spreadsMessagesThatFailedTogether() {
    Backoff backoff = new Backoff(FIRST, MAX);

    long distinct =
        java.util.stream.IntStream.range(0, 50).mapToObj(i -> backoff.after(4)).distinct().count();

    assertThat(distinct).isGreaterThan(10);
  }

  @Test
  void aProvidersLongerRetryAfterWinsButNeverBeyondTheCap() {
    Backoff lowest = new Backoff(FIRST, MAX, () -> 0.0);

    assertThat(lowest.after(1, Optional.of(Duration.ofSeconds(30))))
        .isEqualTo(Duration.ofSeconds(30));
    assertThat(lowest.after(1, Optional.of(Duration.ofMillis(10))))
        .isEqualTo(Duration.ofSeconds(1));
    assertThat(lowest.after(1, Optional.of(Duration.ofHours(2)))).isEqualTo(MAX);
    assertThat(lowest.after(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
  }
}
