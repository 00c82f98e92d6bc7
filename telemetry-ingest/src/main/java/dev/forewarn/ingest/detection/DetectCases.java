package dev.forewarn.ingest.detection;

import dev.forewarn.rules.CaseEvent;
import dev.forewarn.rules.Evaluation;
import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.Reading;
import dev.forewarn.rules.Rule;
import dev.forewarn.rules.RuleJson;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.RuleStates;
import dev.forewarn.rules.ThresholdState;
import java.time.Instant;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates every active rule that watches a device on each of its readings, as they arrive. Per
 * device it keeps one encoded {@link RuleState} per rule; a rule that is removed or replaced by a
 * newer version takes its state with it on every key, so nothing leaks and a new version starts
 * from scratch.
 */
public final class DetectCases
    extends KeyedBroadcastProcessFunction<String, Reading, RuleUpdate, CaseEvent> {

  /** Broadcast state: rule id to the active version of the rule. */
  public static final MapStateDescriptor<String, Rule> RULES =
      new MapStateDescriptor<>("rules", StringSerializer.INSTANCE, RuleSerializer.INSTANCE);

  /** Keyed state: rule id to the device's state under that rule ({@link RuleStates} bytes). */
  public static final MapStateDescriptor<String, byte[]> RULE_STATES =
      new MapStateDescriptor<>(
          "rule-states", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

  private static final Logger LOG = LoggerFactory.getLogger(DetectCases.class);

  private transient MapState<String, byte[]> ruleStates;
  private transient Counter caseEvents;
  private transient Counter outOfOrder;
  private transient Counter ruleUpdates;
  private transient volatile int activeRules;

  @Override
  public void open(OpenContext openContext) {
    ruleStates = getRuntimeContext().getMapState(RULE_STATES);
    caseEvents = getRuntimeContext().getMetricGroup().counter("case_events");
    outOfOrder = getRuntimeContext().getMetricGroup().counter("out_of_order");
    ruleUpdates = getRuntimeContext().getMetricGroup().counter("rule_updates");
    getRuntimeContext().getMetricGroup().gauge("active_rules", () -> activeRules);
  }

  @Override
  public void processElement(Reading reading, ReadOnlyContext ctx, Collector<CaseEvent> out)
      throws Exception {
    ReadOnlyBroadcastState<String, Rule> rules = ctx.getBroadcastState(RULES);
    boolean stale = false;
    int count = 0;
    for (Map.Entry<String, Rule> entry : rules.immutableEntries()) {
      count++;
      Rule rule = entry.getValue();
      if (rule.appliesTo(reading.deviceId(), reading.model())) {
        stale |= evaluate(rule, reading, out);
      }
    }
    activeRules = count;
    if (stale) {
      outOfOrder.inc();
    }
  }

  /** Runs one rule on one reading; returns whether the reading was not newer than the last. */
  private boolean evaluate(Rule rule, Reading reading, Collector<CaseEvent> out) throws Exception {
    RuleState previous = load(rule, reading.deviceId());
    Evaluation evaluation = Evaluators.evaluate(rule, previous, reading);
    if (!evaluation.state().equals(previous)) {
      ruleStates.put(rule.id(), RuleStates.encode(evaluation.state()));
    }
    evaluation
        .decision()
        .ifPresent(
            decision -> {
              CaseEvent event = CaseEvent.of(reading.deviceId(), decision);
              caseEvents.inc();
              LOG.info(
                  "case {} device={} rule={} version={} event={}",
                  event.type(),
                  event.deviceId(),
                  event.ruleId(),
                  event.ruleVersion(),
                  event.eventId());
              out.collect(event);
            });
    return notNewer(previous, reading);
  }

  private RuleState load(Rule rule, String deviceId) throws Exception {
    byte[] stored = ruleStates.get(rule.id());
    if (stored == null) {
      return null;
    }
    try {
      return RuleStates.decode(stored);
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "state of device={} rule={} unreadable, starting afresh: {}",
          deviceId,
          rule.id(),
          e.getMessage());
      return null;
    }
  }

  /**
   * Whether the evaluator will ignore this reading as not newer than the last one it evaluated for
   * the device; such readings are counted as {@code out_of_order}.
   */
  private static boolean notNewer(RuleState previous, Reading reading) {
    Instant last = previous instanceof ThresholdState threshold ? threshold.lastTs() : null;
    return last != null && !reading.ts().isAfter(last);
  }

  @Override
  public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<CaseEvent> out)
      throws Exception {
    BroadcastState<String, Rule> rules = ctx.getBroadcastState(RULES);
    Rule current = rules.get(update.ruleId());
    if (update.isRemoval()) {
      if (current != null) {
        rules.remove(update.ruleId());
        forgetStates(ctx, update.ruleId());
        LOG.info("rule removed rule={} version={}", current.id(), current.version());
      }
    } else {
      activate(RuleJson.parse(update.document()), current, rules, ctx);
    }
    int count = 0;
    for (Map.Entry<String, Rule> ignored : rules.entries()) {
      count++;
    }
    activeRules = count;
    ruleUpdates.inc();
  }

  private void activate(
      Rule incoming, Rule current, BroadcastState<String, Rule> rules, Context ctx)
      throws Exception {
    if (current != null && incoming.version() <= current.version()) {
      // Retained documents come again on every reconnect: the same version changes nothing, and
      // an older one arriving late must not roll the rule back.
      if (incoming.version() < current.version() || !incoming.equals(current)) {
        LOG.warn(
            "rule={} version={} ignored: version {} is active",
            incoming.id(),
            incoming.version(),
            current.version());
      }
      return;
    }
    rules.put(incoming.id(), incoming);
    if (current != null) {
      forgetStates(ctx, incoming.id());
    }
    LOG.info("rule active rule={} version={}", incoming.id(), incoming.version());
  }

  /** Drops every device's state under a rule; the rule has no timers to drop. */
  private static void forgetStates(Context ctx, String ruleId) throws Exception {
    ctx.applyToKeyedState(RULE_STATES, (device, states) -> states.remove(ruleId));
  }
}
