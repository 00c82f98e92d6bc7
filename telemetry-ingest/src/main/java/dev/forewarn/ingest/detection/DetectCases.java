package dev.forewarn.ingest.detection;

import dev.forewarn.rules.CaseEvent;
import dev.forewarn.rules.Evaluation;
import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.Reading;
import dev.forewarn.rules.Rule;
import dev.forewarn.rules.RuleJson;
import dev.forewarn.rules.RuleState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
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
 * from scratch. Readings not newer than the last one a rule evaluated are counted as {@code
 * out_of_order}.
 */
public final class DetectCases
    extends KeyedBroadcastProcessFunction<String, Reading, RuleUpdate, CaseEvent> {

  /** Broadcast state: rule id to the active version of the rule. */
  public static final MapStateDescriptor<String, Rule> RULES =
      new MapStateDescriptor<>("rules", StringSerializer.INSTANCE, RuleSerializer.INSTANCE);

  /** Keyed state: rule id to the device's state under that rule ({@code RuleStates} bytes). */
  public static final MapStateDescriptor<String, byte[]> RULE_STATES =
      new MapStateDescriptor<>(
          "rule-states", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

  private static final Logger LOG = LoggerFactory.getLogger(DetectCases.class);

  private transient DeviceRuleStates states;
  private transient Counter caseEvents;
  private transient Counter outOfOrder;
  private transient Counter ruleUpdates;
  // The broadcast state, indexed by device; null until first needed after a (re)start.
  private transient RuleIndex index;
  // Every parallel instance sees every rule change; one of them tells the operator.
  private transient boolean reportsRuleChanges;

  @Override
  public void open(OpenContext openContext) {
    states = new DeviceRuleStates(getRuntimeContext().getMapState(RULE_STATES));
    caseEvents = getRuntimeContext().getMetricGroup().counter("case_events");
    outOfOrder = getRuntimeContext().getMetricGroup().counter("out_of_order");
    ruleUpdates = getRuntimeContext().getMetricGroup().counter("rule_updates");
    reportsRuleChanges = getRuntimeContext().getTaskInfo().getIndexOfThisSubtask() == 0;
    getRuntimeContext()
        .getMetricGroup()
        .gauge("active_rules", () -> index == null ? 0 : index.size());
  }

  @Override
  public void processElement(Reading reading, ReadOnlyContext ctx, Collector<CaseEvent> out)
      throws Exception {
    if (index == null) {
      index = RuleIndex.of(ctx.getBroadcastState(RULES).immutableEntries());
    }
    boolean stale = false;
    for (Rule rule : index.rulesFor(reading.deviceId(), reading.model())) {
      stale |= evaluate(rule, reading, out);
    }
    if (stale) {
      outOfOrder.inc();
    }
  }

  /** Runs one rule on one reading; returns whether the reading was not newer than the last. */
  private boolean evaluate(Rule rule, Reading reading, Collector<CaseEvent> out) throws Exception {
    RuleState previous = states.load(rule.id(), reading.deviceId());
    Evaluation evaluation = Evaluators.evaluate(rule, previous, reading);
    states.store(rule.id(), previous, evaluation.state());
    if (evaluation.decision().isPresent()) {
      CaseEvent event = CaseEvent.of(reading.deviceId(), evaluation.decision().get());
      caseEvents.inc();
      LOG.info(
          "case {} device={} rule={} version={} event={}",
          event.type(),
          event.deviceId(),
          event.ruleId(),
          event.ruleVersion(),
          event.eventId());
      out.collect(event);
    }
    return DeviceRuleStates.notNewer(previous, reading);
  }

  @Override
  public void processBroadcastElement(RuleUpdate update, Context ctx, Collector<CaseEvent> out)
      throws Exception {
    BroadcastState<String, Rule> rules = ctx.getBroadcastState(RULES);
    if (index == null) {
      index = RuleIndex.of(rules.entries());
    }
    Rule current = rules.get(update.ruleId());
    Rule incoming = update.isRemoval() ? null : RuleJson.parse(update.document());
    RuleChange change = RuleChange.of(current, incoming);
    if (change == RuleChange.ADDED || change == RuleChange.REPLACED) {
      rules.put(incoming.id(), incoming);
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

  /** Drops every device's state under a rule; the rule has no timers to drop. */
  private static void forgetStates(Context ctx, String ruleId) throws Exception {
    ctx.applyToKeyedState(RULE_STATES, (device, states) -> states.remove(ruleId));
  }
}
