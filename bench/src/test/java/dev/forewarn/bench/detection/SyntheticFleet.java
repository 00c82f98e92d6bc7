package dev.forewarn.bench.detection;

import dev.forewarn.rules.life.RemainingLifeCondition.LifeModel;
import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small fleet run to failure whose remaining life is exactly {@link #MODEL} of drift, initial
 * level and age. Two metrics: {@code s2} rises and {@code s3} falls as an engine degrades. In the
 * warm-up both alternate by ±{@link #NOISE} around an engine's own level, in step, so that their
 * z-scores cancel and the index is the engine's {@code initial} at every warm-up reading; after it,
 * both move by the index the model needs, worked back through the moving average.
 */
final class SyntheticFleet {

  static final Instant T0 = Cmapss.START;
  static final double CENTRE_UP = 100.0;
  static final double CENTRE_DOWN = 50.0;
  static final double NOISE = 0.2;

  /** The per-engine sample variance of ±NOISE alternating over 30 readings is NOISE² · 30/29. */
  static final double SPREAD = NOISE * Math.sqrt(30.0 / 29.0);

  static final LifeModel MODEL = new LifeModel(170, -80, -10, 0.1, 0.002);

  /** Each engine's failure cycle and initial index; the initials sum to zero about the centres. */
  static final int[] LIVES = {190, 230, 170, 210, 250};

  static final double[] INITIALS = {-0.3, -0.1, 0.0, 0.1, 0.3};

  static final int WARMUP = 30;
  static final double WEIGHT = 1 - Math.pow(2, -1 / 10.0);

  private SyntheticFleet() {}

  static List<Reading> readings() {
    List<Reading> readings = new ArrayList<>();
    for (int e = 0; e < LIVES.length; e++) {
      readings.addAll(engine(e + 1, LIVES[e], INITIALS[e]));
    }
    return readings;
  }

  /** One engine's readings, cycle 1 to {@code life}. */
  static List<Reading> engine(int unit, int life, double initial) {
    List<Reading> readings = new ArrayList<>();
    double smoothed = initial;
    for (int cycle = 1; cycle <= life; cycle++) {
      if (cycle <= WARMUP) {
        double noise = cycle % 2 == 0 ? NOISE : -NOISE;
        readings.add(
            reading(
                unit,
                cycle,
                CENTRE_UP + SPREAD * initial + noise,
                CENTRE_DOWN - SPREAD * initial + noise));
        continue;
      }
      double age = cycle - 1;
      double drift =
          (life
                  - cycle
                  - MODEL.intercept()
                  - MODEL.initial() * initial
                  - MODEL.age() * age
                  - MODEL.ageSquared() * age * age)
              / MODEL.drift();
      double target = initial + drift;
      double index = smoothed + (target - smoothed) / WEIGHT;
      smoothed = target;
      readings.add(reading(unit, cycle, CENTRE_UP + SPREAD * index, CENTRE_DOWN - SPREAD * index));
    }
    return readings;
  }

  static Reading reading(int unit, int cycle, double up, double down) {
    Map<String, Double> metrics = new LinkedHashMap<>();
    metrics.put("s2", up);
    metrics.put("s3", down);
    return new Reading(Cmapss.device(unit), Cmapss.at(cycle), cycle, "", metrics);
  }
}
