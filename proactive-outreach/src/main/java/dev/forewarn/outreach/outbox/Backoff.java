package dev.forewarn.outreach.outbox;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: the wait doubles with each attempt up to a cap, and a random
 * half of it is shaved off, so that messages that failed together do not retry in lockstep.
 */
final class Backoff {

  private final Duration first;
  private final Duration max;
  private final DoubleSupplier random;

  Backoff(Duration first, Duration max) {
    this(first, max, () -> ThreadLocalRandom.current().nextDouble());
  }

  Backoff(Duration first, Duration max, DoubleSupplier random) {
    this.first = first;
    this.max = max;
    this.random = random;
  }

  /**
   * The wait after a failed attempt.
   *
   * @param attempts provider calls made so far, 1 or more
   * @return between half and all of {@code min(max, first * 2^(attempts-1))}
   */
  Duration after(int attempts) {
    int doublings = Math.min(Math.max(attempts, 1) - 1, 30);
    long ceilingMillis = Math.min(max.toMillis(), first.toMillis() * (1L << doublings));
    long half = ceilingMillis / 2;
    return Duration.ofMillis(ceilingMillis - half + (long) (random.getAsDouble() * half));
  }

  /**
   * The wait after a failed attempt for which the provider suggested a wait: the longer of the two,
   * but never above the longest backoff, so a provider cannot park a message for days.
   */
  Duration after(int attempts, Optional<Duration> hint) {
    Duration own = after(attempts);
    return hint.filter(h -> h.compareTo(own) > 0)
        .map(h -> h.compareTo(max) > 0 ? max : h)
        .orElse(own);
  }
}
