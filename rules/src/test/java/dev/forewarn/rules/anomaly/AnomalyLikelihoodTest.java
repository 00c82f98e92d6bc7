package dev.forewarn.rules.anomaly;

import static dev.forewarn.rules.TestData.DEVICE;
import static dev.forewarn.rules.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.Replay;
import dev.forewarn.rules.RuleStates;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.document.RuleValidationException;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.Decision;
import dev.forewarn.rules.lifecycle.Lifecycle;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AnomalyLikelihoodTest {

  private static final String METRIC = "latency_ms";

  private static AnomalyLikelihoodCondition condition(AnomalyLikelihoodCondition.Budget budget) {
    return new AnomalyLikelihoodCondition(
        METRIC, true, 100, 6, 20, 5, 1000, 200, 0.9999, 0.999, budget, null, null, null, null,
        null);
  }

  private static Rule rule(AnomalyLikelihoodCondition condition) {
    return new Rule(
        "unusual-latency",
        1,
        "Unusual latency",
        null,
        Severity.WARNING,
        condition,
        Lifecycle.IMMEDIATE);
  }

  /** Gaussian noise around 50 with spread 2, with the given values added at the given readings. */
  private static double[] noisy(int n, long seed, Map<Integer, Double> added) {
    Random random = new Random(seed);
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      values[i] = 50 + 2 * random.nextGaussian() + added.getOrDefault(i, 0.0);
    }
    return values;
  }

  private static List<Reading> readings(double[] values, Duration every) {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      readings.add(
          new Reading(
              DEVICE,
              T0.plus(every.multipliedBy(i)),
              i,
              null,
              Map.of(METRIC, values[i]),
              Map.of()));
    }
    return readings;
  }

  /** Reading numbers (from 0) at which a case opened. */
  private static List<Integer> openings(Rule rule, List<Reading> readings) {
    Replay replay = Replay.storingStateAsBytes(rule);
    List<Integer> opened = new ArrayList<>();
    for (int i = 0; i < readings.size(); i++) {
      int before = replay.decisions().size();
      replay.feed(readings.get(i));
      for (Decision d : replay.decisions().subList(before, replay.decisions().size())) {
        if (d.kind() == Decision.Kind.OPEN) {
          opened.add(i);
        }
      }
    }
    return opened;
  }

  @Test
  void learnsForItsFirstReadingsWithoutAVerdict() {
    Rule rule = rule(condition(null));
    Replay replay = Replay.of(rule);
    double[] values = noisy(199, 1, Map.of(150, 500.0));
    replay.feed(readings(values, Duration.ofMinutes(5)).toArray(Reading[]::new));

    assertThat(replay.decisions()).isEmpty();
    assertThat(Evaluators.learning(rule, replay.state())).isTrue();
    replay.feed(
        new Reading(
            DEVICE,
            T0.plus(Duration.ofMinutes(5 * 199)),
            199,
            null,
            Map.of(METRIC, 50.0),
            Map.of()));
    assertThat(Evaluators.learning(rule, replay.state())).isFalse();
  }

  @Test
  void opensWhenASpikeStandsOutOfTheDevicesOwnNoise() {
    List<Integer> opened =
        openings(
            rule(condition(null)),
            readings(noisy(1500, 2, Map.of(1000, 40.0)), Duration.ofMinutes(5)));

    assertThat(opened).contains(1000);
    assertThat(opened).allMatch(i -> i >= 1000 && i <= 1005);
  }

  @Test
  void oneProbabilityMeansTheSameOnAQuietAndANoisySensor() {
    double[] quiet = noisy(1500, 3, Map.of(900, 30.0));
    double[] loud = new double[quiet.length];
    for (int i = 0; i < quiet.length; i++) {
      loud[i] = 1_000_000 + 5_000 * quiet[i];
    }
    Rule rule = rule(condition(null));

    assertThat(openings(rule, readings(loud, Duration.ofMinutes(5))))
        .isEqualTo(openings(rule, readings(quiet, Duration.ofMinutes(5))))
        .contains(900);
  }

  @Test
  void opensAtTheSameReadingsWhetherTheDeviceReportsEverySecondOrEveryHour() {
    Map<Integer, Double> faults = Map.of(700, 25.0, 1400, -25.0, 2100, 40.0);
    double[] values = noisy(3000, 4, faults);
    Rule rule = rule(condition(new AnomalyLikelihoodCondition.Budget(1, null, 500)));

    List<Integer> everySecond = openings(rule, readings(values, Duration.ofSeconds(1)));
    List<Integer> everyHour = openings(rule, readings(values, Duration.ofHours(1)));

    assertThat(everySecond).isNotEmpty().isEqualTo(everyHour);
    for (int fault : faults.keySet()) {
      assertThat(everySecond).anyMatch(i -> i >= fault && i <= fault + 5);
    }
  }

  @Test
  void aBudgetHoldsOnsetsToItsCasesPerPeriod() {
    Map<Integer, Double> spikes = new java.util.HashMap<>();
    for (int i = 300; i < 6000; i += 97) {
      spikes.put(i, 40.0);
    }
    double[] values = noisy(6000, 5, spikes);
    List<Integer> unbounded =
        openings(rule(condition(null)), readings(values, Duration.ofMinutes(5)));
    List<Integer> budgeted =
        openings(
            rule(condition(new AnomalyLikelihoodCondition.Budget(2, Duration.ofDays(7), 0))),
            readings(values, Duration.ofMinutes(5)));

    assertThat(unbounded.size()).isGreaterThan(30);
    int perWeek = 7 * 24 * 12;
    for (int i = 0; i + 2 < budgeted.size(); i++) {
      assertThat(budgeted.get(i + 2) - budgeted.get(i)).isGreaterThanOrEqualTo(perWeek);
    }
    assertThat(budgeted).hasSizeBetween(2, 6);
  }

  @Test
  void aBudgetRaisesTheThresholdOfADeviceThatOftenLooksUnusual() {
    Map<Integer, Double> spikes = new java.util.HashMap<>();
    for (int i = 300; i < 8000; i += 50) {
      spikes.put(i, 12.0);
    }
    double[] values = noisy(8000, 6, spikes);
    Rule rule = rule(condition(new AnomalyLikelihoodCondition.Budget(1, null, 1000)));
    Replay replay = Replay.of(rule);
    replay.feed(readings(values, Duration.ofMinutes(5)).toArray(Reading[]::new));

    assertThat(Evaluators.learning(rule, replay.state())).isFalse();
    double lastThreshold =
        replay.decisions().isEmpty()
            ? 0
            : replay.decisions().get(replay.decisions().size() - 1).evidence().get("threshold");
    assertThat(replay.decisions()).isNotEmpty();
    assertThat(lastThreshold).isGreaterThan(0.9999);
  }

  @Test
  void acceptsALastingChangeAsTheNewNormalAndStillSeesWhatComesAfter() {
    Map<Integer, Double> faults = new java.util.HashMap<>();
    for (int i = 1000; i < 4000; i++) {
      faults.put(i, i >= 3000 && i < 3005 ? -15.0 : 25.0);
    }
    List<Integer> opened =
        openings(rule(condition(null)), readings(noisy(4000, 9, faults), Duration.ofMinutes(5)));

    assertThat(opened).anyMatch(i -> i >= 1000 && i < 1005);
    assertThat(opened).anyMatch(i -> i >= 3000 && i < 3010);
  }

  @Test
  void staysFiniteAndStorableForExtremeReadings() {
    double[] values = new double[600];
    for (int i = 0; i < values.length; i++) {
      values[i] = i % 3 == 0 ? Double.MAX_VALUE : (i % 3 == 1 ? -Double.MAX_VALUE : 1e-300);
    }
    AnomalyLikelihoodCondition base =
        condition(new AnomalyLikelihoodCondition.Budget(1, null, 100));
    AnomalyLikelihoodCondition checked =
        checked(
            new AnomalyLikelihoodCondition.Range(0.05),
            new AnomalyLikelihoodCondition.Shift(80, 0.999));
    for (AnomalyLikelihoodCondition c : List.of(base, checked)) {
      Replay replay = Replay.storingStateAsBytes(rule(c));
      replay.feed(readings(values, Duration.ofSeconds(1)).toArray(Reading[]::new));

      byte[] bytes = RuleStates.encode(replay.state());
      assertThat(RuleStates.decode(bytes)).isEqualTo(replay.state());
      assertThat(replay.decisions())
          .allSatisfy(d -> assertThat(d.evidence().values()).allMatch(Double::isFinite));
    }
  }

  @Test
  void keepsASmallState() {
    Rule rule = rule(condition(new AnomalyLikelihoodCondition.Budget(3, Duration.ofDays(30), 0)));
    Replay replay = Replay.storingStateAsBytes(rule);
    replay.feed(
        readings(noisy(20_000, 7, Map.of(5000, 40.0, 12000, 40.0)), Duration.ofMinutes(5))
            .toArray(Reading[]::new));

    assertThat(RuleStates.encode(replay.state()).length).isLessThanOrEqualTo(256);
  }

  @Test
  void roundTripsThroughJsonWithDefaults() {
    Rule parsed =
        RuleJson.parse(
            "{\"id\":\"x\",\"severity\":\"warning\",\"condition\":{\"type\":\"anomaly-likelihood\","
                + "\"metric\":\"v\",\"budget\":{\"cases\":1,\"per\":\"P30D\"}}}");
    AnomalyLikelihoodCondition c = (AnomalyLikelihoodCondition) parsed.condition();

    assertThat(c.halfLifePoints()).isEqualTo(288);
    assertThat(c.probability()).isEqualTo(0.9999);
    assertThat(c.budget().per()).isEqualTo(Duration.ofDays(30));
    assertThat(RuleJson.parse(RuleJson.toJson(parsed))).isEqualTo(parsed);
  }

  @Test
  void refusesABudgetWithTwoPeriodsAndACertainProbability() {
    assertThatThrownBy(
            () ->
                RuleJson.parse(
                    "{\"id\":\"x\",\"severity\":\"warning\",\"condition\":{\"type\":"
                        + "\"anomaly-likelihood\",\"metric\":\"v\",\"budget\":{\"cases\":1,"
                        + "\"per\":\"P1D\",\"perPoints\":10}}}"))
        .isInstanceOf(RuleValidationException.class)
        .hasMessageStartingWith("condition.budget:");
    assertThatThrownBy(
            () ->
                RuleJson.parse(
                    "{\"id\":\"x\",\"severity\":\"warning\",\"condition\":{\"type\":"
                        + "\"anomaly-likelihood\",\"metric\":\"v\",\"probability\":1}}"))
        .isInstanceOf(RuleValidationException.class)
        .hasMessageStartingWith("condition.probability:");
  }

  @Test
  void aSeasonLearnsTheDevicesCycleAndSeesACycleThatFailsToCome() {
    Random random = new Random(8);
    double[] values = new double[288 * 12];
    for (int i = 0; i < values.length; i++) {
      boolean flatDay = i >= 288 * 9 && i < 288 * 10;
      values[i] = (flatDay ? 0 : 20 * Math.sin(2 * Math.PI * i / 288)) + random.nextGaussian();
    }
    AnomalyLikelihoodCondition seasonal =
        seasonal(new AnomalyLikelihoodCondition.Season(288, 24), 600);
    AnomalyLikelihoodCondition plain = seasonal(null, 600);

    List<Integer> opened = openings(rule(seasonal), readings(values, Duration.ofMinutes(5)));
    List<Integer> withoutSeason = openings(rule(plain), readings(values, Duration.ofMinutes(5)));

    assertThat(opened).anyMatch(i -> i >= 288 * 9 && i < 288 * 9 + 60);
    assertThat(opened).filteredOn(i -> i < 288 * 9 || i >= 288 * 10 + 30).hasSizeLessThan(2);
    assertThat(withoutSeason).noneMatch(i -> i >= 288 * 9 && i < 288 * 10);
  }

  /** Level half-life 1,000 readings, average 10, history 2,000, holding at 0.9999. */
  private static AnomalyLikelihoodCondition seasonal(
      AnomalyLikelihoodCondition.Season season, int learningPoints) {
    return new AnomalyLikelihoodCondition(
        METRIC,
        true,
        1000,
        6,
        20,
        10,
        2000,
        learningPoints,
        0.9999,
        0.99,
        null,
        season,
        null,
        null,
        null,
        null);
  }

  private static AnomalyLikelihoodCondition daily(int buckets) {
    return seasonal(new AnomalyLikelihoodCondition.Season(0, Duration.ofDays(1), buckets), 300);
  }

  /** Twelve days of a daily cycle with noise; the tenth is flat. */
  private static double cycle(Instant at, Random random) {
    double day = (at.getEpochSecond() % 86_400) / 86_400.0;
    boolean flatDay =
        !at.isBefore(T0.plus(Duration.ofDays(9))) && at.isBefore(T0.plus(Duration.ofDays(10)));
    return (flatDay ? 0 : 20 * Math.sin(2 * Math.PI * day)) + random.nextGaussian();
  }

  @Test
  void aSeasonInEventTimeFollowsTheClockWhateverTheReportingInterval() {
    for (Duration every : List.of(Duration.ofMinutes(5), Duration.ofMinutes(20))) {
      Random random = new Random(11);
      List<Reading> readings = new ArrayList<>();
      Instant at = T0;
      for (int i = 0; at.isBefore(T0.plus(Duration.ofDays(12))); i++) {
        // A day without readings in the fourth: phases that count readings would shift by it.
        if (at.isBefore(T0.plus(Duration.ofDays(3))) || !at.isBefore(T0.plus(Duration.ofDays(4)))) {
          readings.add(
              new Reading(DEVICE, at, i, null, Map.of(METRIC, cycle(at, random)), Map.of()));
        }
        at = at.plus(every);
      }

      List<Instant> opened = new ArrayList<>();
      for (int i : openings(rule(daily(48)), readings)) {
        opened.add(readings.get(i).ts());
      }

      assertThat(opened)
          .as("every %s", every)
          .anyMatch(
              t ->
                  !t.isBefore(T0.plus(Duration.ofDays(9)))
                      && t.isBefore(T0.plus(Duration.ofHours(9 * 24 + 6))));
      assertThat(opened)
          .as("every %s", every)
          .filteredOn(
              t ->
                  t.isBefore(T0.plus(Duration.ofDays(9)))
                      || t.isAfter(T0.plus(Duration.ofHours(10 * 24 + 3))))
          .hasSizeLessThan(2);
    }
  }

  @Test
  void aSeasonInEventTimeKeepsItsPhasesAndCountsInTheStateBytes() {
    Random random = new Random(12);
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < 288 * 4; i++) {
      Instant at = T0.plus(Duration.ofMinutes(5L * i));
      readings.add(new Reading(DEVICE, at, i, null, Map.of(METRIC, cycle(at, random)), Map.of()));
    }
    Rule rule = rule(daily(48));
    Replay throughBytes = Replay.storingStateAsBytes(rule);
    Replay direct = Replay.of(rule);
    int largest = 0;
    for (Reading reading : readings) {
      throughBytes.feed(reading);
      direct.feed(reading);
      largest = Math.max(largest, RuleStates.encode(direct.state()).length);
    }

    AnomalyLikelihoodState state = (AnomalyLikelihoodState) direct.state().condition();
    assertThat(throughBytes.state()).isEqualTo(direct.state());
    assertThat(state.firstAt()).isEqualTo(T0);
    assertThat(state.visits()).hasSize(48).containsOnly(24L);
    assertThat(largest).isLessThanOrEqualTo(640);
  }

  @Test
  void onALogScaleTheAverageSeesAnEventAfterAFarLargerOne() {
    Random random = new Random(13);
    double[] values = new double[6000];
    for (int i = 0; i < values.length; i++) {
      // A storm 200 spreads high for 30 readings, then an event 20 spreads high for 10.
      boolean storm = i >= 1500 && i < 1530;
      boolean later = i >= 4500 && i < 4510;
      values[i] = 50 + 2 * random.nextGaussian() + (storm ? 400 : 0) + (later ? 40 : 0);
    }
    AnomalyLikelihoodCondition linear = condition(1000, AnomalyLikelihoodCondition.Scale.LINEAR);
    AnomalyLikelihoodCondition log = condition(1000, AnomalyLikelihoodCondition.Scale.LOG);

    List<Integer> onLinear = openings(rule(linear), readings(values, Duration.ofMinutes(5)));
    List<Integer> onLog = openings(rule(log), readings(values, Duration.ofMinutes(5)));

    assertThat(onLinear).anyMatch(i -> i >= 1500 && i < 1510).noneMatch(i -> i >= 4500 && i < 4520);
    assertThat(onLog).anyMatch(i -> i >= 1500 && i < 1510).anyMatch(i -> i >= 4500 && i < 4520);
  }

  private static AnomalyLikelihoodCondition condition(
      double capSpreads, AnomalyLikelihoodCondition.Scale averageScale) {
    return new AnomalyLikelihoodCondition(
        METRIC,
        true,
        1000,
        6,
        capSpreads,
        10,
        20000,
        300,
        0.999,
        0.7,
        null,
        null,
        null,
        averageScale,
        null,
        null);
  }

  @Test
  void aSeasonInEventTimeAndAnAverageScaleRoundTripAndAreRefusedNamingTheField() {
    Rule parsed =
        RuleJson.parse(
            "{\"id\":\"x\",\"severity\":\"warning\",\"condition\":{\"type\":\"anomaly-likelihood\","
                + "\"metric\":\"v\",\"averageScale\":\"log\","
                + "\"season\":{\"period\":\"P1D\",\"buckets\":48}}}");
    AnomalyLikelihoodCondition c = (AnomalyLikelihoodCondition) parsed.condition();
    assertThat(c.season().timed()).isTrue();
    assertThat(c.season().period()).isEqualTo(Duration.ofDays(1));
    assertThat(c.season().bucket(Instant.parse("2026-11-22T00:45:00Z"))).isEqualTo(1);
    assertThat(c.season().bucket(Instant.parse("2026-11-23T23:59:59Z"))).isEqualTo(47);
    assertThat(c.averageScale()).isEqualTo(AnomalyLikelihoodCondition.Scale.LOG);
    assertThat(RuleJson.parse(RuleJson.toJson(parsed))).isEqualTo(parsed);

    String season =
        "{\"id\":\"x\",\"severity\":\"warning\",\"condition\":{\"type\":\"anomaly-likelihood\","
            + "\"metric\":\"v\",\"season\":%s}}";
    assertThatThrownBy(
            () -> RuleJson.parse(String.format(season, "{\"period\":\"P1D\",\"points\":288}")))
        .hasMessageStartingWith("condition.season: give exactly one of period");
    assertThatThrownBy(() -> RuleJson.parse(String.format(season, "{\"buckets\":4}")))
        .hasMessageStartingWith("condition.season: give exactly one of period");
    assertThatThrownBy(
            () -> RuleJson.parse(String.format(season, "{\"period\":\"PT0.5S\",\"buckets\":1}")))
        .hasMessageStartingWith("condition.season.period: must be whole seconds");
    assertThatThrownBy(
            () -> RuleJson.parse(String.format(season, "{\"period\":\"PT10S\",\"buckets\":20}")))
        .hasMessageStartingWith("condition.season.period: must be whole seconds, at least one per");
    assertThatThrownBy(
            () ->
                RuleJson.parse(
                    "{\"id\":\"x\",\"severity\":\"warning\",\"condition\":{\"type\":"
                        + "\"anomaly-likelihood\",\"metric\":\"v\",\"averageScale\":\"cubic\"}}"))
        .hasMessageStartingWith("condition.averageScale:");
  }

  @Test
  void onALogScaleASpikeMeansAsMuchOnASmallCountAsOnALargeOne() {
    Random random = new Random(10);
    double[] small = new double[1500];
    double[] large = new double[small.length];
    for (int i = 0; i < small.length; i++) {
      double factor = Math.exp(0.1 * random.nextGaussian()) * (i == 1000 ? 10 : 1);
      small[i] = 20 * factor;
      large[i] = 20_000 * factor;
    }
    AnomalyLikelihoodCondition log =
        new AnomalyLikelihoodCondition(
            METRIC,
            true,
            100,
            6,
            20,
            5,
            1000,
            200,
            0.9999,
            0.999,
            null,
            null,
            AnomalyLikelihoodCondition.Scale.LOG,
            null,
            null,
            null);

    List<Integer> onSmall = openings(rule(log), readings(small, Duration.ofMinutes(5)));

    assertThat(onSmall).contains(1000);
    assertThat(openings(rule(log), readings(large, Duration.ofMinutes(5)))).contains(1000);
    assertThat(AnomalyLikelihoodCondition.Scale.LOG.apply(-Double.MAX_VALUE)).isFinite();
  }

  @Test
  void theTailIsFiniteAndMonotone() {
    double previous = -1;
    for (double z = -10; z < 1e6; z = z < 10 ? z + 0.01 : z * 1.5) {
      double s = GaussianTail.surprise(z);
      assertThat(s).isFinite().isGreaterThanOrEqualTo(previous - 1e-9);
      previous = s;
    }
    assertThat(GaussianTail.surprise(0))
        .isCloseTo(Math.log10(2), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(GaussianTail.surprise(3.719016))
        .isCloseTo(4, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(GaussianTail.surprise(5))
        .isCloseTo(-Math.log10(2.866516e-7), org.assertj.core.data.Offset.offset(1e-5));
  }

  /**
   * The base condition of {@link #condition(AnomalyLikelihoodCondition.Budget)} with checks, its
   * level learning with a half-life of {@code halfLifePoints} readings.
   */
  private static AnomalyLikelihoodCondition checked(
      AnomalyLikelihoodCondition.Range range, AnomalyLikelihoodCondition.Shift shift) {
    return checked(range, shift, condition(null).halfLifePoints());
  }

  private static AnomalyLikelihoodCondition checked(
      AnomalyLikelihoodCondition.Range range,
      AnomalyLikelihoodCondition.Shift shift,
      int halfLifePoints) {
    AnomalyLikelihoodCondition c = condition(null);
    return new AnomalyLikelihoodCondition(
        c.metric(),
        c.steps(),
        halfLifePoints,
        c.freezeSpreads(),
        c.capSpreads(),
        c.averagePoints(),
        c.historyPoints(),
        c.learningPoints(),
        c.probability(),
        c.clearProbability(),
        null,
        null,
        null,
        null,
        range,
        shift);
  }

  @Test
  void aReadingBeyondTheRangeSoFarOpensThoughItsLikelihoodIsOrdinary() {
    List<Reading> history = readings(noisy(1000, 20, Map.of()), Duration.ofMinutes(5));
    Rule ranged = rule(checked(new AnomalyLikelihoodCondition.Range(0.05), null));
    Replay seen = Replay.of(ranged);
    seen.feed(history.toArray(Reading[]::new));
    AnomalyLikelihoodState.RangeSeen range =
        ((AnomalyLikelihoodState) seen.state().condition()).range();
    double width = range.high() - range.low();
    assertThat(range.low()).isLessThan(50);
    assertThat(range.high()).isGreaterThan(50);

    // Beyond the range by 10% of it, or within the margin of 5% at 2%: either no more than a few
    // spreads from the level.
    for (double share : new double[] {0.1, 0.02}) {
      double value = range.high() + share * width;
      Reading next =
          new Reading(
              DEVICE,
              T0.plus(Duration.ofMinutes(5 * 1000)),
              1000,
              null,
              Map.of(METRIC, value),
              Map.of());
      List<Reading> all = new ArrayList<>(history);
      all.add(next);

      assertThat(openings(rule(checked(null, null)), all)).doesNotContain(1000);
      if (share > 0.05) {
        assertThat(openings(ranged, all)).contains(1000);
      } else {
        assertThat(openings(ranged, all)).doesNotContain(1000);
      }
    }
  }

  @Test
  void aHealthyDevicesNoiseOpensNoMoreThanItsAllTimeRecords() {
    // The level's half-life of 100 readings draws the range back fast: without a floor at what the
    // condition counts as usual, the noise's own extremes would pass it again and again. With the
    // floor, the range check adds only readings beyond the noise's range over all time.
    double[] values = noisy(20_000, 24, Map.of());
    List<Reading> readings = readings(values, Duration.ofMinutes(5));
    int learning = condition(null).learningPoints();
    List<Integer> records = new ArrayList<>();
    double low = values[0];
    double high = values[0];
    for (int i = 1; i < values.length; i++) {
      double reach = 0.05 * (high - low);
      if (i >= learning && (values[i] > high + reach || values[i] < low - reach)) {
        records.add(i);
      }
      low = Math.min(low, values[i]);
      high = Math.max(high, values[i]);
    }

    List<Integer> plain = openings(rule(checked(null, null)), readings);
    List<Integer> ranged =
        openings(rule(checked(new AnomalyLikelihoodCondition.Range(0.05), null)), readings);
    List<Integer> added = new ArrayList<>(ranged);
    added.removeAll(plain);

    assertThat(ranged).containsAll(plain);
    assertThat(records).hasSizeLessThan(10).containsAll(added);
  }

  @Test
  void aLastingShiftOfOneSpreadOpensTheShiftCheck() {
    double[] values = noisy(4000, 21, Map.of());
    for (int i = 2500; i < values.length; i++) {
      values[i] += 2; // the noise's spread, for good
    }
    List<Reading> readings = readings(values, Duration.ofMinutes(5));

    // A level that learns slowly, so that the shift lasts against it.
    List<Integer> plain = openings(rule(checked(null, null, 2000)), readings);
    List<Integer> shifted =
        openings(
            rule(checked(null, new AnomalyLikelihoodCondition.Shift(80, 0.999), 2000)), readings);

    assertThat(plain).noneMatch(i -> i >= 2500);
    assertThat(shifted).anyMatch(i -> i >= 2500 && i < 2800);
    assertThat(shifted).noneMatch(i -> i >= 300 && i < 2500);
  }

  @Test
  void rangeAndShiftLiveInTheStateBytesAndOlderBytesStillRead() {
    Rule rule =
        rule(
            checked(
                new AnomalyLikelihoodCondition.Range(0.05),
                new AnomalyLikelihoodCondition.Shift(80, 0.9999)));
    Replay throughBytes = Replay.storingStateAsBytes(rule);
    Replay direct = Replay.of(rule);
    for (Reading reading : readings(noisy(3000, 22, Map.of(2000, 30.0)), Duration.ofMinutes(5))) {
      throughBytes.feed(reading);
      direct.feed(reading);
    }

    AnomalyLikelihoodState state = (AnomalyLikelihoodState) direct.state().condition();
    assertThat(throughBytes.state()).isEqualTo(direct.state());
    assertThat(throughBytes.decisions()).isEqualTo(direct.decisions());
    // The spike to 80 at reading 2000 has been drawn back over ten half-lives of the level, down
    // to six spreads (freezeSpreads) above it, about 62, and no further.
    assertThat(state.range().high()).isGreaterThan(56).isLessThan(65);
    assertThat(state.shift().variance()).isPositive();
    assertThat(RuleStates.encode(direct.state()).length).isLessThanOrEqualTo(256);

    Rule plain = rule(checked(null, null));
    Replay older = Replay.of(plain);
    older.feed(readings(noisy(500, 23, Map.of()), Duration.ofMinutes(5)).toArray(Reading[]::new));
    AnomalyLikelihoodState without = (AnomalyLikelihoodState) older.state().condition();
    assertThat(without.range()).isNull();
    assertThat(without.shift()).isNull();
    assertThat(RuleStates.decode(RuleStates.encode(older.state()))).isEqualTo(older.state());
  }

  @Test
  void rangeAndShiftRoundTripThroughJsonAndAreRefusedNamingTheField() {
    String doc =
        "{\"id\":\"x\",\"severity\":\"warning\",\"condition\":{\"type\":\"anomaly-likelihood\","
            + "\"metric\":\"v\",\"probability\":0.998,%s}}";
    Rule parsed = RuleJson.parse(String.format(doc, "\"range\":{},\"shift\":{}"));
    AnomalyLikelihoodCondition c = (AnomalyLikelihoodCondition) parsed.condition();
    assertThat(c.range().margin()).isEqualTo(0.05);
    assertThat(c.shift().averagePoints()).isEqualTo(80);
    assertThat(c.shift().probability()).isEqualTo(0.998);
    assertThat(RuleJson.parse(RuleJson.toJson(parsed))).isEqualTo(parsed);
    assertThat(
            ((AnomalyLikelihoodCondition)
                    RuleJson.parse(String.format(doc, "\"steps\":true")).condition())
                .range())
        .isNull();

    assertThatThrownBy(() -> RuleJson.parse(String.format(doc, "\"range\":{\"margin\":0}")))
        .isInstanceOf(RuleValidationException.class)
        .hasMessageStartingWith("condition.range.margin:");
    assertThatThrownBy(() -> RuleJson.parse(String.format(doc, "\"range\":{\"width\":1}")))
        .hasMessageContaining("width");
    assertThatThrownBy(() -> RuleJson.parse(String.format(doc, "\"shift\":{\"averagePoints\":0}")))
        .hasMessageStartingWith("condition.shift.averagePoints:");
    assertThatThrownBy(() -> RuleJson.parse(String.format(doc, "\"shift\":{\"probability\":1}")))
        .hasMessageStartingWith("condition.shift.probability:");
  }
}
