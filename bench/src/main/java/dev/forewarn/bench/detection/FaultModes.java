package dev.forewarn.bench.detection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.random.JDKRandomGenerator;

/**
 * The fault modes of a fleet run to failure, told apart by where each engine's metrics ended up:
 * per engine, the mean of each metric over its last {@value #LATE_POINTS} readings minus its mean
 * over the warm-up, in spreads. Engines whose faults move the metrics alike fall in one mode
 * (FD003: the high-pressure compressor fault and the fan fault push s7, s12, s15, s20 and s21
 * opposite ways). The modes are the clusters of k-means++ on those deltas (Commons Math, a fixed
 * seed, so that a calibration is repeatable), largest first.
 */
final class FaultModes {

  /** The readings before failure whose mean says where an engine's metrics ended up. */
  static final int LATE_POINTS = 20;

  private static final int SEED = 20_081_003;
  private static final int MAX_ITERATIONS = 1000;

  private FaultModes() {}

  /**
   * The mode of each engine, from 0 (the largest) to {@code modes} − 1.
   *
   * @throws IllegalArgumentException when there are fewer engines than modes
   */
  static int[] assign(List<Engine> engines, FleetBaseline baseline, int modes, int warmup) {
    int[] assigned = new int[engines.size()];
    if (modes == 1) {
      return assigned;
    }
    if (engines.size() < modes) {
      throw new IllegalArgumentException(
          engines.size() + " engines cannot make " + modes + " fault modes");
    }
    List<Delta> deltas = new ArrayList<>();
    for (int e = 0; e < engines.size(); e++) {
      deltas.add(new Delta(e, delta(engines.get(e), baseline, warmup)));
    }
    List<CentroidCluster<Delta>> clusters =
        new KMeansPlusPlusClusterer<Delta>(
                modes,
                MAX_ITERATIONS,
                new org.apache.commons.math3.ml.distance.EuclideanDistance(),
                new JDKRandomGenerator(SEED))
            .cluster(deltas);
    clusters = new ArrayList<>(clusters);
    clusters.sort(
        Comparator.<CentroidCluster<Delta>>comparingInt(c -> -c.getPoints().size())
            .thenComparingInt(c -> c.getPoints().get(0).engine()));
    for (int mode = 0; mode < clusters.size(); mode++) {
      for (Delta delta : clusters.get(mode).getPoints()) {
        assigned[delta.engine()] = mode;
      }
    }
    return assigned;
  }

  /** The engines of one mode, in fleet order. */
  static List<Engine> of(List<Engine> engines, int[] assigned, int mode) {
    List<Engine> members = new ArrayList<>();
    for (int e = 0; e < engines.size(); e++) {
      if (assigned[e] == mode) {
        members.add(engines.get(e));
      }
    }
    return members;
  }

  private static double[] delta(Engine engine, FleetBaseline baseline, int warmup) {
    int n = engine.readings().size();
    int late = Math.min(LATE_POINTS, n);
    double[] delta = new double[baseline.metrics().size()];
    for (int i = 0; i < n; i++) {
      double[] z = baseline.scores(engine, i);
      for (int m = 0; m < delta.length; m++) {
        if (i < warmup) {
          delta[m] -= z[m] / warmup;
        }
        if (i >= n - late) {
          delta[m] += z[m] / late;
        }
      }
    }
    return delta;
  }

  /** An engine's deltas, as k-means sees them. */
  private record Delta(int engine, double[] getPoint) implements Clusterable {}
}
