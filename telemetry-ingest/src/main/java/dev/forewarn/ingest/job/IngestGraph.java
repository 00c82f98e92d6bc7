package dev.forewarn.ingest.job;

import dev.forewarn.ingest.detection.DetectCases;
import dev.forewarn.ingest.detection.FleetWatermarks;
import dev.forewarn.ingest.detection.ParseRuleDocuments;
import dev.forewarn.ingest.detection.RuleUpdate;
import dev.forewarn.ingest.detection.RulesWatermarks;
import dev.forewarn.ingest.mqtt.MqttOutbound;
import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.ingest.parse.ClockPolicy;
import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.ingest.parse.ParseReadings;
import dev.forewarn.ingest.sparkplug.ResolveSparkplug;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.util.Optional;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's dataflow, independent of where its messages come from and go to: {@link IngestJob}
 * plugs in MQTT, InfluxDB and PostgreSQL, tests plug in finite sources and collecting sinks.
 *
 * <pre>
 * telemetry ─▶ parse ─┬─▶ event time ─┬─▶ history (optional)
 *                     │               └─▶ keyBy(device) ─┐
 *                     │                                   ├─▶ detect cases ─┬─▶ case events
 * rule documents ─▶ validate ─▶ broadcast ───────────────┘                 │
 *                     └─▶ dead letters ◀──────────── late readings ─────────┘
 * </pre>
 */
public final class IngestGraph {

  /**
   * Where the messages come from; the rules source and the Sparkplug source always run with
   * parallelism 1 (one reader keeps each edge node's births before its data).
   *
   * @param oneTelemetryReader whether the telemetry source runs with parallelism 1 (a plain MQTT
   *     subscription, which every reader would receive whole) rather than the job's
   */
  public record Inputs(
      Source<MqttRecord, ?, ?> telemetry,
      Source<MqttRecord, ?, ?> ruleDocuments,
      Optional<Source<MqttRecord, ?, ?>> sparkplug,
      boolean oneTelemetryReader) {

    /** Inputs whose telemetry source runs with the job's parallelism. */
    public Inputs(
        Source<MqttRecord, ?, ?> telemetry,
        Source<MqttRecord, ?, ?> ruleDocuments,
        Optional<Source<MqttRecord, ?, ?>> sparkplug) {
      this(telemetry, ruleDocuments, sparkplug, false);
    }

    /** Inputs without Sparkplug B. */
    public Inputs(Source<MqttRecord, ?, ?> telemetry, Source<MqttRecord, ?, ?> ruleDocuments) {
      this(telemetry, ruleDocuments, Optional.empty());
    }
  }

  /**
   * Where results go; without a history sink no reading is written to InfluxDB, without a publish
   * sink the job's own MQTT messages (Sparkplug rebirth requests, device status) are dropped.
   */
  public record Outputs(
      Optional<Sink<Reading>> history,
      Sink<CaseEvent> caseEvents,
      Sink<DeadLetter> deadLetters,
      Optional<Sink<MqttOutbound>> published) {

    /** Outputs that publish nothing. */
    public Outputs(
        Optional<Sink<Reading>> history, Sink<CaseEvent> caseEvents, Sink<DeadLetter> deadLetters) {
      this(history, caseEvents, deadLetters, Optional.empty());
    }
  }

  /**
   * Event-time settings for readings.
   *
   * @param maxOutOfOrderness how late a reading may arrive and still be in event time
   * @param idleTimeout a reader without readings this long stops holding back the watermark
   * @param stateTtl how long, in event time, a device's state outlives its last reading; a reading
   *     further behind the device's newest is refused for its clock
   * @param clocks which times a reading may carry, given when it arrived
   */
  public record EventTime(
      Duration maxOutOfOrderness, Duration idleTimeout, Duration stateTtl, ClockPolicy clocks) {

    /** Settings with the default clock policy. */
    public EventTime(Duration maxOutOfOrderness, Duration idleTimeout, Duration stateTtl) {
      this(maxOutOfOrderness, idleTimeout, stateTtl, ClockPolicy.DEFAULT);
    }

    /** Settings with the default state time to live and clock policy. */
    public EventTime(Duration maxOutOfOrderness, Duration idleTimeout) {
      this(maxOutOfOrderness, idleTimeout, DetectCases.STATE_TTL);
    }
  }

  private IngestGraph() {}

  /** Adds the dataflow to the environment; every stateful operator has a stable uid. */
  public static void build(
      StreamExecutionEnvironment env, Inputs inputs, Outputs outputs, EventTime eventTime) {
    SingleOutputStreamOperator<MqttRecord> telemetry =
        env.fromSource(inputs.telemetry(), WatermarkStrategy.noWatermarks(), "telemetry (MQTT)")
            .uid("telemetry-source");
    SingleOutputStreamOperator<Reading> parsed =
        telemetry
            .process(new ParseReadings(eventTime.clocks()))
            .name("parse readings")
            .uid("parse-readings");
    Optional<SingleOutputStreamOperator<Reading>> sparkplug =
        inputs.sparkplug().map(source -> sparkplug(env, source, eventTime.clocks()));
    SingleOutputStreamOperator<Reading> readings =
        sparkplug
            .map(resolved -> parsed.union(resolved))
            .orElse(parsed)
            .assignTimestampsAndWatermarks(readingTime(eventTime))
            .name("reading event time")
            .uid("reading-event-time");
    if (inputs.oneTelemetryReader()) {
      // The reader, the parser and the event time stay one chain: a rebalance between them would
      // let one device's readings overtake each other. keyBy spreads them over detection.
      telemetry.setParallelism(1);
      parsed.setParallelism(1);
      readings.setParallelism(1);
    }
    outputs
        .history()
        .ifPresent(
            sink ->
                readings
                    .sinkTo(sink)
                    .name("history (InfluxDB)")
                    .uid("history-sink")
                    // Its own task: an HTTP write to InfluxDB then blocks only the history
                    // thread, not the source thread that feeds detection.
                    .disableChaining());
    SingleOutputStreamOperator<CaseEvent> detected =
        readings
            .keyBy(Reading::deviceId, Types.STRING)
            .connect(rules(env, inputs))
            .process(new DetectCases(eventTime.stateTtl()))
            .name("detect cases")
            .uid("detect-cases");
    detected
        .sinkTo(outputs.caseEvents())
        .name("case events (PostgreSQL)")
        .uid("case-events-sink")
        // Its own task too: a JDBC write that waits for the database (retries, a lock, a slow
        // disk) then holds up case events only, not the readings and timers of detection.
        .disableChaining();
    DataStream<DeadLetter> deadLetters =
        parsed
            .getSideOutput(ParseReadings.DEAD_LETTERS)
            .union(detected.getSideOutput(DetectCases.DEAD_LETTERS));
    if (sparkplug.isPresent()) {
      deadLetters = deadLetters.union(sparkplug.get().getSideOutput(ParseReadings.DEAD_LETTERS));
      DataStream<MqttOutbound> published = sparkplug.get().getSideOutput(ResolveSparkplug.PUBLISH);
      outputs
          .published()
          .ifPresent(
              sink -> published.sinkTo(sink).name("publish (MQTT)").uid("mqtt-publish-sink"));
    }
    deadLetters
        .sinkTo(outputs.deadLetters())
        .name("dead letters (PostgreSQL)")
        .uid("dead-letters-sink");
  }

  /**
   * Sparkplug B: one reader, keyed by edge node, births in keyed state ({@link ResolveSparkplug}).
   */
  private static SingleOutputStreamOperator<Reading> sparkplug(
      StreamExecutionEnvironment env, Source<MqttRecord, ?, ?> source, ClockPolicy clocks) {
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "sparkplug (MQTT)")
        .setParallelism(1)
        .uid("sparkplug-source")
        .keyBy(ResolveSparkplug::edgeNodeKey, Types.STRING)
        .process(new ResolveSparkplug(clocks))
        .name("resolve sparkplug")
        .uid("resolve-sparkplug");
  }

  private static BroadcastStream<RuleUpdate> rules(StreamExecutionEnvironment env, Inputs inputs) {
    return env.fromSource(inputs.ruleDocuments(), WatermarkStrategy.noWatermarks(), "rules (MQTT)")
        .setParallelism(1)
        .uid("rules-source")
        .process(new ParseRuleDocuments())
        .setParallelism(1)
        .name("validate rules")
        .uid("validate-rules")
        .assignTimestampsAndWatermarks(RulesWatermarks.strategy())
        .setParallelism(1)
        .name("rules event time")
        .uid("rules-event-time")
        .broadcast(DetectCases.RULES);
  }

  /**
   * Readings' event time: each device's own timestamp, and a watermark no one device's clock can
   * move for the others ({@link FleetWatermarks}).
   */
  static WatermarkStrategy<Reading> readingTime(EventTime eventTime) {
    Duration outOfOrderness = eventTime.maxOutOfOrderness();
    Duration forgetAfter = eventTime.idleTimeout();
    return WatermarkStrategy.<Reading>forGenerator(
            context -> new FleetWatermarks(outOfOrderness, forgetAfter, System::currentTimeMillis))
        .withTimestampAssigner((reading, previous) -> reading.ts().toEpochMilli())
        .withIdleness(eventTime.idleTimeout());
  }
}
