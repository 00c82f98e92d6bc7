package dev.forewarn.simulator.fleet;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from the run's seed. Each device and each purpose gets its own
 * stream, so changing one option (say, the duplicate rate) never shifts another device's values.
 */
final class Seeds {

  static final int PLAN = 1;
  static final int READINGS = 2;

  private Seeds() {}

  static SplittableRandom stream(long seed, long index, int purpose) {
    // Mixing, not adding: SplittableRandom seeds one gamma apart would give shifted copies.
    return new SplittableRandom(mix(mix(seed) ^ (index * 0x9E3779B97F4A7C15L + purpose)));
  }

  /** MurmurHash3's 64-bit finaliser: every input bit affects every output bit. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
    z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
    return z ^ (z >>> 33);
  }
}
