package dev.forewarn.ingest.detection;

import dev.forewarn.ingest.detection.ReadingOrder.Position;
import dev.forewarn.ingest.detection.ReadingOrder.Verdict;
import dev.forewarn.ingest.parse.ClockPolicy;
import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.ingest.parse.ParseReadings;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every active rule that watches a device on each of its readings, in the device's own
 * order. {@link ReadingOrder} decides when a reading is evaluated: at once when its seq follows the
 * last one, after the watermark passes it when a gap precedes it; duplicates are counted ({@code
 * duplicates}), readings that arrive after their turn are counted ({@code late_readings}) and kept
 * as dead letters on {@link #DEAD_LETTERS}, as is a reading one rule failed to evaluate (for that
 * rule only, see {@link RuleRunner}). A reading more than the state's time to live behind the
 * device's newest is refused for its clock (counted as {@code clock_refused}). Per device it keeps
 * one encoded {@link RuleState} per rule; a rule that is removed or replaced by a newer version
 * takes its state with it on every key, so nothing leaks and a new version starts from scratch.
 * Readings not newer than the last one a rule evaluated are counted as {@code out_of_order}.
 */
public final class DetectCases
    extends KeyedBroadcastProcessFunction<String, Reading, RuleUpdate, CaseEvent> {

  /** Broadcast state: rule id to the active version of the rule. */
  public static final MapStateDescriptor<String, ActiveRule> RULES =
      new MapStateDescriptor<>("rules", StringSerializer.INSTANCE, ActiveRuleSerializer.INSTANCE);

  /** Keyed state: rule id to the device's state under that rule ({@code RuleStates} bytes). */
  public static final MapStateDescriptor<String, byte[]> RULE_STATES =
      new MapStateDescriptor<>(
          "rule-states", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

  /** Readings that arrived after their turn, or that a rule failed on, kept with the reason. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("late-readings", TypeInformation.of(DeadLetter.class));

  private static final Logger LOG = LoggerFactory.getLogger(DetectCases.class);

  /** Keyed state: event time (epoch ms) of the device's newest reading, for its expiry. */
  static final ValueStateDescriptor<Long> LAST_SEEN =
      new ValueStateDescriptor<>("last-seen", Types.LONG);

  /** Keyed state: which rules applied to the device at its last reading ({@link #sweep}). */
  static final ValueStateDescriptor<Long> FINGERPRINT =
      new ValueStateDescriptor<>("rules-fingerprint", Types.LONG);

  /** How long a device's state outlives its last reading, by default. */
  public static final Duration STATE_TTL = Duration.ofDays(7);

  private final Duration stateTtl;

  private transient DeviceRuleStates states;
  private transient ValueState<Long> lastSeen;
  private transient ValueState<Long> fingerprints;
  private transient RuleRunner runner;
  private transient DeviceQueue queue;
  private transient Wakeups wakeups;
  private transient Counter duplicates;
  private transient Counter late;
  private transient Counter clockRefused;
  private transient Counter caseEvents;
  private transient Counter outOfOrder;
  private transient Counter ruleUpdates;
  private transient Counter ruleSyncs;
  // Whether the rules reader has delivered its complete retained set since this instance started.
  private transient boolean synced;
  // The broadcast state, indexed by device; null until first needed after a (re)start.
  private transient RuleIndex index;
  // Every parallel instance sees every rule change; one of them tells the operator.
  private transient boolean reportsRuleChanges;

  /** Detection whose device states expire {@link #STATE_TTL} after the device's last reading. */
  public DetectCases() {
    this(STATE_TTL);
  }

  /**
   * @param stateTtl how long, in event time, a device's state outlives its last reading
   */
  public DetectCases(Duration stateTtl) {
    this.stateTtl = stateTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    states = new DeviceRuleStates(getRuntimeContext().getMapState(RULE_STATES));
    lastSeen = getRuntimeContext().getState(LAST_SEEN);
    fingerprints = getRuntimeContext().getState(FINGERPRINT);
    queue =
        new DeviceQueue(
            getRuntimeContext().getState(DeviceQueue.POSITION),
            getRuntimeContext().getMapState(DeviceQueue.HELD));
    wakeups = new Wakeups(getRuntimeContext().getState(Wakeups.NEXT));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
    late = getRuntimeContext().getMetricGroup().counter("late_readings");
    clockRefused = getRuntimeContext().getMetricGroup().counter(ParseReadings.CLOCK_REFUSED);
    caseEvents = getRuntimeContext().getMetricGroup().counter("case_events");
    runner =
        new RuleRunner(
            states,
            caseEvents,
            getRuntimeContext().getMetricGroup().counter("evaluation_failures"));
    outOfOrder = getRuntimeContext().getMetricGroup().counter("out_of_order");
    ruleUpdates = getRuntimeContext().getMetricGroup().counter("rule_updates");
    ruleSyncs = getRuntimeContext().getMetricGroup().counter("rule_syncs");
    reportsRuleChanges = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
    getRuntimeContext()
        .getMetricGroup()
        .gauge("active_rules", () -> index == null ? 0 : index.size());
  }

  @Override
  public void processElement(Reading reading, ReadOnlyContext ctx, Collector<CaseEvent> out)
      throws Exception {
    if (clockWentBack(reading, ctx)) {
      return;
    }
    if (!synced) {
      // The rules are not all in yet (a backlog after a restart reaches detection first): hold
      // the reading until they are. Event time stands still until then (RulesWatermarks).
      if (queue.isHeld(reading)) {
        duplicates.inc();
      } else {
        queue.hold(reading);
        wakeups.request(reading.ts().toEpochMilli(), ctx.timerService());
      }
      return;
    }
    List<Rule> rules = rulesFor(ctx, reading);
    sweep(rules, reading, out);
    if (rules.isEmpty()) {
      if (states.isEmpty()) {
        forgetDevice();
      }
      return;
    }
    Position position = queue.position();
    Verdict verdict = ReadingOrder.classify(position, reading, queue.isHeld(reading));
    boolean behindWatermark = reading.ts().toEpochMilli() <= ctx.currentWatermark();
    if (verdict == Verdict.HOLD && !behindWatermark) {
      queue.hold(reading);
      wakeups.request(reading.ts().toEpochMilli(), ctx.timerService());
    } else if (verdict == Verdict.NEXT || verdict == Verdict.HOLD) {
      // Next in line, or already behind the watermark: nothing older can still come in time.
      queue.moveTo(drain(evaluate(reading, rules, position, ctx, out), ctx, out));
    } else {
      refuse(verdict, reading, position, ctx);
    }
    // After the rules asked for their deadlines, so that the expiry, usually later, adds no timer.
    long seen = reading.ts().toEpochMilli();
    Long last = lastSeen.value();
    if (last == null || seen > last) {
      lastSeen.update(seen);
      wakeups.request(seen + stateTtl.toMillis(), ctx.timerService());
    }
  }

  /** Evaluates, in event-time order, the held readings at or before {@code upTo}. */
  private void release(long upTo, ReadOnlyContext ctx, Collector<CaseEvent> out) throws Exception {
    List<Reading> released = queue.releaseUpTo(ctx.getCurrentKey(), upTo);
    if (released.isEmpty()) {
      return;
    }
    Position position = queue.position();
    for (Reading reading : released) {
      Verdict verdict = ReadingOrder.classify(position, reading, false);
      if (verdict == Verdict.NEXT || verdict == Verdict.HOLD) {
        position = evaluate(reading, position, ctx, out);
      } else {
        refuse(verdict, reading, position, ctx);
      }
    }
    queue.moveTo(drain(position, ctx, out));
  }

  /**
   * Event time reached a timer: readings held behind a gap that the watermark has passed are
   * evaluated (the gap will not fill any more), then the device's rules see time pass up to the
   * timer, for a silence or the end of a hold.
   */
  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<CaseEvent> out)
      throws Exception {
    wakeups.fired(timestamp);
    String deviceId = ctx.getCurrentKey();
    release(ctx.currentWatermark(), ctx, out);
    ensureIndex(ctx);
    Instant now = Instant.ofEpochMilli(timestamp);
    Long last = lastSeen.value();
    if (last != null && timestamp >= last + stateTtl.toMillis()) {
      expire(deviceId, now, out);
      return;
    }
    for (String ruleId : states.ruleIds()) {
      Rule rule = index.rule(ruleId);
      if (rule == null) {
        runner.supersede(
            ruleId,
            states.load(ruleId, deviceId),
            deviceId,
            now,
            "rule " + ruleId + " removed",
            out);
      } else {
        runner.onTime(
            rule,
            deviceId,
            now,
            at -> wakeups.request(at, ctx.timerService()),
            out,
            (failed, device, reading, reason) -> failed(ctx, failed, device, reading, reason));
      }
    }
    Long held = queue.earliestHeld(deviceId);
    if (held != null) {
      wakeups.request(held, ctx.timerService());
    }
    if (states.isEmpty()) {
      // Every rule that watched the device is gone.
      forgetDevice();
    } else if (last != null) {
      wakeups.request(last + stateTtl.toMillis(), ctx.timerService());
    }
  }

  /**
   * When the rules that apply to the device changed since its last reading (by id and version, or
   * because the device left a rule's scope), drops its states under the rules that no longer apply;
   * a state of an older version of a rule that still applies goes when that rule evaluates it
   * ({@link RuleRunner}). Only the current device's few states are looked at, and only then: no
   * rule change scans every device.
   */
  private void sweep(List<Rule> rules, Reading reading, Collector<CaseEvent> out) throws Exception {
    long fingerprint = fingerprint(rules);
    Long known = fingerprints.value();
    if (known != null && known == fingerprint) {
      return;
    }
    Set<String> applying = new HashSet<>();
    rules.forEach(rule -> applying.add(rule.id()));
    for (String ruleId : states.ruleIds()) {
      if (!applying.contains(ruleId)) {
        runner.supersede(
            ruleId,
            states.load(ruleId, reading.deviceId()),
            reading.deviceId(),
            reading.ts(),
            "rule " + ruleId + " no longer applies to the device (removed, or out of its scope)",
            out);
      }
    }
    if (rules.isEmpty()) {
      fingerprints.clear();
    } else {
      fingerprints.update(fingerprint);
    }
  }

  /** The rules that apply, by id and version, as one number that does not depend on order. */
  private static long fingerprint(List<Rule> rules) {
    long fingerprint = rules.size();
    for (Rule rule : rules) {
      long h = rule.id().hashCode() * 0x9E3779B97F4A7C15L + rule.version();
      h ^= h >>> 31;
      h *= 0xBF58476D1CE4E5B9L;
      fingerprint += h ^ (h >>> 29);
    }
    return fingerprint;
  }

  /**
   * No reading for the state's time to live: the device is gone (retired, or renamed). Its states
   * go, open cases closed as superseded, and its timers with them.
   */
  private void expire(String deviceId, Instant now, Collector<CaseEvent> out) throws Exception {
    String why = "no readings for " + stateTtl + ": the device's state expired";
    for (String ruleId : states.ruleIds()) {
      runner.supersede(ruleId, states.load(ruleId, deviceId), deviceId, now, why, out);
    }
    forgetDevice();
  }

  private void forgetDevice() {
    queue.clear();
    wakeups.clear();
    lastSeen.clear();
    fingerprints.clear();
  }

  /** Evaluates held readings that follow on directly. */
  private Position drain(Position position, ReadOnlyContext ctx, Collector<CaseEvent> out)
      throws Exception {
    Reading next;
    while ((next = queue.take(ctx.getCurrentKey(), position.lastSeq() + 1)) != null) {
      position = evaluate(next, position, ctx, out);
    }
    return position;
  }

  private Position evaluate(
      Reading reading, Position position, ReadOnlyContext ctx, Collector<CaseEvent> out)
      throws Exception {
    return evaluate(reading, rulesFor(ctx, reading), position, ctx, out);
  }

  private Position evaluate(
      Reading reading,
      List<Rule> rules,
      Position position,
      ReadOnlyContext ctx,
      Collector<CaseEvent> out)
      throws Exception {
    boolean stale = false;
    for (Rule rule : rules) {
      stale |=
          runner.onReading(
              rule,
              reading,
              at -> wakeups.request(at, ctx.timerService()),
              out,
              (failed, device, read, reason) -> failed(ctx, failed, device, read, reason));
    }
    if (stale) {
      outOfOrder.inc();
    }
    return ReadingOrder.after(position, reading);
  }

  /**
   * Refuses a reading further behind the device's newest than its state lives: its clock went back
   * (a reset, a battery change), and evaluated it would meet states it is older than; held, it
   * would wait for a watermark long past. Counted as {@code clock_refused}, not as a late reading.
   */
  private boolean clockWentBack(Reading reading, ReadOnlyContext ctx) throws Exception {
    Long newest = lastSeen.value();
    if (newest == null) {
      return false;
    }
    Optional<ClockPolicy.Refusal> refusal =
        ClockPolicy.wentBack(reading.ts(), Instant.ofEpochMilli(newest), stateTtl);
    if (refusal.isEmpty()) {
      return false;
    }
    clockRefused.inc();
    ctx.output(
        DEAD_LETTERS,
        DeadLetter.clock(
            Instant.ofEpochMilli(ctx.currentProcessingTime()),
            ReadingJson.telemetryTopic(reading.deviceId()),
            reading.deviceId(),
            refusal.get(),
            ReadingJson.write(reading)));
    return true;
  }

  private void refuse(Verdict verdict, Reading reading, Position position, ReadOnlyContext ctx) {
    if (verdict == Verdict.DUPLICATE) {
      duplicates.inc();
      return;
    }
    late.inc();
    String reason =
        reading.hasSeq()
            ? "late: seq "
                + reading.seq()
                + " at "
                + reading.ts()
                + " arrived after seq "
                + position.lastSeq()
                + " at "
                + Instant.ofEpochMilli(position.lastTsMillis())
                + " was evaluated"
            : "late: reading without seq at "
                + reading.ts()
                + " arrived after the reading at "
                + Instant.ofEpochMilli(position.lastTsMillis())
                + " was evaluated";
    ctx.output(
        DEAD_LETTERS,
        DeadLetter.of(
            Instant.ofEpochMilli(ctx.currentProcessingTime()),
            ReadingJson.telemetryTopic(reading.deviceId()),
            reason,
            ReadingJson.write(reading)));
  }

  private static void failed(
      ReadOnlyContext ctx, Rule rule, String deviceId, Reading reading, String reason) {
    String because = "rule " + rule.id() + " version " + rule.version() + ": " + reason;
    LOG.warn("device={} rule={} version={} {}", deviceId, rule.id(), rule.version(), reason);
    ctx.output(
        DEAD_LETTERS,
        DeadLetter.of(
            Instant.ofEpochMilli(ctx.currentProcessingTime()),
            ReadingJson.telemetryTopic(deviceId),
            because,
            reading == null ? new byte[0] : ReadingJson.write(reading)));
  }

  private List<Rule> rulesFor(ReadOnlyContext ctx, Reading reading) throws Exception {
    ensureIndex(ctx);
    return index.rulesFor(reading);
  }

  private void ensureIndex(ReadOnlyContext ctx) throws Exception {
    if (index == null) {
      index = RuleIndex.of(ctx.getBroadcastState(RULES).immutableEntries());
    }
  }

  @Override
  public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<CaseEvent> out)
      throws Exception {
    BroadcastState<String, ActiveRule> rules = ctx.getBroadcastState(RULES);
    if (index == null) {
      index = RuleIndex.of(rules.entries());
    }
    if (update.isSynced()) {
      reconcile(ctx, update.retainedRuleIds());
      return;
    }
    ActiveRule stored = rules.get(update.ruleId());
    Rule current = stored == null ? null : stored.rule();
    ActiveRule arriving = update.isRemoval() ? null : ActiveRule.parse(update.document());
    Rule incoming = arriving == null ? null : arriving.rule();
    RuleChange change = RuleChange.of(current, incoming);
    if (change == RuleChange.ADDED || change == RuleChange.REPLACED) {
      rules.put(incoming.id(), arriving);
      index.put(incoming);
    } else if (change == RuleChange.REMOVED) {
      rules.remove(update.ruleId());
      index.remove(update.ruleId());
    }
    // No device is visited here: each drops its state of a replaced or removed rule when it next
    // reads it (a reading, a timer, or the expiry of a device that stopped reporting).
    report(change, update.ruleId(), current, incoming);
    ruleUpdates.inc();
  }

  /**
   * The rules reader has the complete retained set: from now on readings are evaluated, and a rule
   * still active here but no longer retained was removed while the reader was away (a removal is an
   * empty retained message, which the broker does not keep for a later reader).
   */
  private void reconcile(Context ctx, Set<String> retained) throws Exception {
    synced = true;
    BroadcastState<String, ActiveRule> rules = ctx.getBroadcastState(RULES);
    List<String> gone = new ArrayList<>();
    for (Map.Entry<String, ActiveRule> active : rules.entries()) {
      if (!retained.contains(active.getKey())) {
        gone.add(active.getKey());
      }
    }
    for (String ruleId : gone) {
      Rule current = rules.get(ruleId).rule();
      rules.remove(ruleId);
      index.remove(ruleId);
      report(RuleChange.REMOVED, ruleId, current, null);
    }
    ruleSyncs.inc();
  }

  private void report(RuleChange change, String ruleId, Rule current, Rule incoming) {
    if (!reportsRuleChanges || change == RuleChange.UNCHANGED) {
      return;
    }
    if (change == RuleChange.OLDER_IGNORED || change == RuleChange.CONFLICT_IGNORED) {
      LOG.warn(
          "rule={} version={} ignored ({}): version {} is active",
          ruleId,
          incoming.version(),
          change,
          current.version());
    } else {
      int version = incoming != null ? incoming.version() : current.version();
      LOG.info("rule {} rule={} version={}", change, ruleId, version);
    }
  }
}
