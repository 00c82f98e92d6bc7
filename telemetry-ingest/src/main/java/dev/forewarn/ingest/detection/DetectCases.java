package dev.forewarn.ingest.detection;

import dev.forewarn.ingest.detection.ReadingOrder.Position;
import dev.forewarn.ingest.detection.ReadingOrder.Verdict;
import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
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
 * rule only, see {@link RuleRunner}). Per device it keeps one encoded {@link RuleState} per rule; a
 * rule that is removed or replaced by a newer version takes its state with it on every key, so
 * nothing leaks and a new version starts from scratch. Readings not newer than the last one a rule
 * evaluated are counted as {@code out_of_order}.
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

  private transient DeviceRuleStates states;
  private transient RuleRunner runner;
  private transient DeviceQueue queue;
  private transient Wakeups wakeups;
  private transient Counter duplicates;
  private transient Counter late;
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

  @Override
  public void open(OpenContext openContext) {
    states = new DeviceRuleStates(getRuntimeContext().getMapState(RULE_STATES));
    queue =
        new DeviceQueue(
            getRuntimeContext().getState(DeviceQueue.POSITION),
            getRuntimeContext().getMapState(DeviceQueue.HELD));
    wakeups = new Wakeups(getRuntimeContext().getState(Wakeups.NEXT));
    duplicates = getRuntimeContext().getMetricGroup().counter("duplicates");
    late = getRuntimeContext().getMetricGroup().counter("late_readings");
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
    if (!synced) {
      // The rules are not all in yet (a backlog after a restart reaches detection first): hold
      // the reading until they are. Event time stands still until then (RulesWatermarks).
      if (queue.isHeld(reading.seq())) {
        duplicates.inc();
      } else {
        queue.hold(reading);
        wakeups.request(reading.ts().toEpochMilli(), ctx.timerService());
      }
      return;
    }
    List<Rule> rules = rulesFor(ctx, reading);
    if (rules.isEmpty()) {
      return;
    }
    Position position = queue.position();
    Verdict verdict = ReadingOrder.classify(position, reading, queue.isHeld(reading.seq()));
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
    for (String ruleId : states.ruleIds()) {
      Rule rule = index.rule(ruleId);
      if (rule != null) {
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
    if (states.ruleIds().isEmpty()) {
      // Every rule that watched the device is gone.
      queue.clear();
      wakeups.clear();
    }
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

  private void refuse(Verdict verdict, Reading reading, Position position, ReadOnlyContext ctx) {
    if (verdict == Verdict.DUPLICATE) {
      duplicates.inc();
      return;
    }
    late.inc();
    String reason =
        "late: seq "
            + reading.seq()
            + " at "
            + reading.ts()
            + " arrived after seq "
            + position.lastSeq()
            + " at "
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
    if (change.dropsStates()) {
      forgetStates(ctx, update.ruleId());
    }
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
      forgetStates(ctx, ruleId);
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

  /**
   * Drops every device's state under a rule, and the reading position of a device no other rule
   * watches. Timers left behind fire once, find nothing held and set no new one.
   */
  private void forgetStates(Context ctx, String ruleId) throws Exception {
    ctx.applyToKeyedState(
        RULE_STATES,
        (device, ruleStates) -> {
          ruleStates.remove(ruleId);
          if (ruleStates.isEmpty()) {
            // The backend has made this device the current key, so the queue addresses it.
            queue.clear();
            wakeups.clear();
          }
        });
    // Devices whose only readings are still held have no rule state to visit above.
    ctx.applyToKeyedState(
        DeviceQueue.HELD,
        (device, held) -> {
          if (states.ruleIds().isEmpty()) {
            queue.clear();
            wakeups.clear();
          }
        });
  }
}
