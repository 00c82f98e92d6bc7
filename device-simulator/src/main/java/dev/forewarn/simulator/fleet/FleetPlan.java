package dev.forewarn.simulator.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Draws the fleet from the settings and the seed: which devices degrade, fail suddenly or go
 * offline, their baselines and their failure times. The same settings give the same fleet.
 */
public final class FleetPlan {

  private FleetPlan() {}

  /** The fleet's devices, in index order. */
  public static List<DeviceProfile> plan(FleetSettings fleet, Pace pace) {
    int devices = fleet.devices();
    Scenario[] scenarios = scenarios(fleet);
    boolean[] offline =
        chosen(devices, fleet.offline(), Seeds.stream(fleet.seed(), -2, Seeds.PLAN));
    List<DeviceProfile> profiles = new ArrayList<>(devices);
    for (int i = 0; i < devices; i++) {
      profiles.add(profile(fleet, pace, i, scenarios[i], offline[i]));
    }
    return List.copyOf(profiles);
  }

  private static DeviceProfile profile(
      FleetSettings fleet, Pace pace, int index, Scenario scenario, boolean goesOffline) {
    Duration span = pace.simulatedSpan(fleet.devices());
    String idFormat = "%s%0" + Math.max(4, String.valueOf(fleet.devices()).length()) + "d";
    SplittableRandom random = Seeds.stream(fleet.seed(), index, Seeds.PLAN);
    Optional<Instant> failureAt = failureAt(scenario, fleet, pace.start(), span, random);
    double baseTemperature = 60 + 10 * random.nextDouble();
    double baseVibration = 1.5 + 1.5 * random.nextDouble();
    Optional<Instant> offlineAt =
        goesOffline
            ? Optional.of(at(pace.start(), span, 0.3 + 0.5 * random.nextDouble()))
            : Optional.empty();
    return new DeviceProfile(
        index,
        String.format(idFormat, fleet.devicePrefix(), index + 1),
        fleet.model(),
        scenario,
        baseTemperature,
        baseVibration,
        fleet.failureLevel(),
        failureAt.flatMap(at -> onset(scenario, fleet, pace.start(), at)),
        failureAt,
        offlineAt);
  }

  private static Scenario[] scenarios(FleetSettings fleet) {
    Scenario[] scenarios = new Scenario[fleet.devices()];
    int[] order = shuffled(fleet.devices(), Seeds.stream(fleet.seed(), -1, Seeds.PLAN));
    for (int k = 0; k < order.length; k++) {
      scenarios[order[k]] =
          k < fleet.degrading()
              ? Scenario.DEGRADING
              : k < fleet.degrading() + fleet.sudden() ? Scenario.SUDDEN_FAULT : Scenario.HEALTHY;
    }
    return scenarios;
  }

  private static boolean[] chosen(int devices, int count, SplittableRandom random) {
    boolean[] chosen = new boolean[devices];
    int[] order = shuffled(devices, random);
    for (int k = 0; k < count; k++) {
      chosen[order[k]] = true;
    }
    return chosen;
  }

  private static int[] shuffled(int n, SplittableRandom random) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  }

  private static Optional<Instant> failureAt(
      Scenario scenario,
      FleetSettings fleet,
      Instant start,
      Duration span,
      SplittableRandom random) {
    // Always draw, so that a device's other values do not depend on its scenario's options.
    double share =
        scenario == Scenario.SUDDEN_FAULT
            ? 0.3 + 0.6 * random.nextDouble()
            : 0.6 + 0.3 * random.nextDouble();
    if (scenario == Scenario.HEALTHY) {
      return Optional.empty();
    }
    return Optional.of(fleet.failureAfter().map(start::plus).orElse(at(start, span, share)));
  }

  private static Optional<Instant> onset(
      Scenario scenario, FleetSettings fleet, Instant start, Instant failureAt) {
    if (scenario != Scenario.DEGRADING) {
      return Optional.empty();
    }
    Duration ramp =
        fleet.ramp().orElse(Duration.between(start, failureAt).multipliedBy(2).dividedBy(3));
    Instant onset = failureAt.minus(ramp);
    return Optional.of(onset.isBefore(start) ? start : onset);
  }

  private static Instant at(Instant start, Duration span, double share) {
    return start.plusMillis(Math.round(span.toMillis() * share));
  }
}
