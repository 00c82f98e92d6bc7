package dev.forewarn.ingest.sparkplug;

import dev.forewarn.ingest.mqtt.MqttOutbound;
import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.ingest.parse.ClockPolicy;
import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.ingest.parse.ParseReadings;
import dev.forewarn.rules.reading.Reading;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.eclipse.tahu.message.SparkplugBPayloadDecoder;
import org.eclipse.tahu.message.model.MessageType;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.message.model.Topic;
import org.eclipse.tahu.util.TopicUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sparkplug B (Eclipse Sparkplug 3.0) as a host application reads it, keyed by edge node ({@code
 * group/edge}): births register each metric's name, alias and type for the node or device, in keyed
 * state so that they survive a restart from a checkpoint; data messages are resolved by alias, each
 * metric at its own timestamp, into readings of the device {@code group.edge.device} (node metrics:
 * {@code group.edge}). Numbers and booleans (1 or 0) become metric values; other types, nulls and
 * the control metrics ({@code bdSeq}, {@code Node Control/*}, {@code Device Control/*}) are left
 * out and counted ({@code sparkplug_metrics_skipped}).
 *
 * <p>Data for a node or device without a birth is not data: it is a dead letter saying so, and the
 * edge node is asked to rebirth ({@code NCMD} with {@code Node Control/Rebirth}), at most once per
 * {@link #REBIRTH_PAUSE_MS} per edge node. A death ({@code NDEATH} whose {@code bdSeq} matches the
 * birth's, or {@code DDEATH}) forgets the births and publishes the retained status {@code
 * {"state":"offline"}} on {@code devices/{deviceId}/status}, exactly as a device's own last will
 * does; a birth publishes {@code {"state":"online"}}. Sequence numbers (0 to 255, wrapping) that
 * skip are counted per edge node ({@code sparkplug_seq_gaps}). Readings carry no seq: a device and
 * a time identify them. Metrics at a time the device's clock cannot have given ({@link
 * ClockPolicy}) are a dead letter per time, counted as {@code clock_refused}.
 */
public final class ResolveSparkplug extends KeyedProcessFunction<String, MqttRecord, Reading> {

  /** The Sparkplug B topic namespace. */
  public static final String NAMESPACE = "spBv1.0";

  /** Side output: what the job publishes (rebirth requests, device status). */
  public static final OutputTag<MqttOutbound> PUBLISH =
      new OutputTag<>("sparkplug-publish", TypeInformation.of(MqttOutbound.class));

  /** Least time between two rebirth requests to one edge node. */
  static final long REBIRTH_PAUSE_MS = 5_000;

  static final String REBIRTH_METRIC = "Node Control/Rebirth";
  private static final String BD_SEQ = "bdSeq";
  private static final String NODE = "";
  private static final byte[] ONLINE = "{\"state\":\"online\"}".getBytes();
  private static final byte[] OFFLINE = "{\"state\":\"offline\"}".getBytes();
  private static final Logger LOG = LoggerFactory.getLogger(ResolveSparkplug.class);

  /** Keyed state: node ({@code ""}) or device id to its birth's metrics, as {@link Births} text. */
  static final MapStateDescriptor<String, String> BIRTHS =
      new MapStateDescriptor<>("sparkplug-births", Types.STRING, Types.STRING);

  /** Keyed state: the node birth's bdSeq, the last seq, the time of the last rebirth request. */
  static final ValueStateDescriptor<long[]> NODE_STATE =
      new ValueStateDescriptor<>(
          "sparkplug-node", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

  private final ClockPolicy clocks;

  private transient MapState<String, String> births;
  private transient ValueState<long[]> node;
  private transient Map<String, Births> decoded;
  private transient Counter readings;
  private transient Counter deadLetters;
  private transient Counter skipped;
  private transient Counter gaps;
  private transient Counter rebirths;
  private transient Counter clockRefused;
  private transient LongCounter readingsTotal;
  private transient LongCounter deadLettersTotal;

  /** Resolution under the {@link ClockPolicy#DEFAULT default clock policy}. */
  public ResolveSparkplug() {
    this(ClockPolicy.DEFAULT);
  }

  /**
   * @param clocks which times a metric may carry, given when its message arrived
   */
  public ResolveSparkplug(ClockPolicy clocks) {
    this.clocks = clocks;
  }

  @Override
  public void open(OpenContext openContext) {
    births = getRuntimeContext().getMapState(BIRTHS);
    node = getRuntimeContext().getState(NODE_STATE);
    decoded = new HashMap<>();
    var metrics = getRuntimeContext().getMetricGroup();
    readings = metrics.counter("sparkplug_readings");
    deadLetters = metrics.counter("sparkplug_dead_letters");
    skipped = metrics.counter("sparkplug_metrics_skipped");
    gaps = metrics.counter("sparkplug_seq_gaps");
    rebirths = metrics.counter("sparkplug_rebirth_requests");
    clockRefused = metrics.counter(ParseReadings.CLOCK_REFUSED);
    // Added to the job's totals, which a client reads while the job runs.
    readingsTotal = getRuntimeContext().getLongCounter(ParseReadings.READINGS);
    deadLettersTotal = getRuntimeContext().getLongCounter(ParseReadings.DEAD_LETTER_COUNT);
  }

  /** The edge node a Sparkplug topic belongs to, {@code group/edge}; the topic when it has none. */
  public static String edgeNodeKey(MqttRecord record) {
    String[] levels = record.topic().split("/", 5);
    return levels.length >= 4 ? levels[1] + "/" + levels[3] : record.topic();
  }

  @Override
  public void processElement(MqttRecord record, Context ctx, Collector<Reading> out)
      throws Exception {
    Topic topic;
    try {
      topic = TopicUtil.parseTopic(record.topic());
    } catch (Exception e) {
      refuse(ctx, record, "topic: \"" + record.topic() + "\" is not a Sparkplug B topic");
      return;
    }
    MessageType type = topic.getType();
    if (type == null || type.isCommand() || type == MessageType.STATE || type.isRecord()) {
      return; // commands (our own rebirth requests among them) and host state are not telemetry
    }
    String scope =
        type.isBirth() || type.isDeath() || type.isData()
            ? (topic.getDeviceId() == null ? NODE : topic.getDeviceId())
            : NODE;
    String nodeId = topic.getGroupId() + "." + topic.getEdgeNodeId();
    String deviceId = scope.equals(NODE) ? nodeId : nodeId + "." + scope;
    Births known = type.isBirth() ? null : births(ctx.getCurrentKey(), scope);
    SparkplugBPayload payload;
    try {
      payload =
          new SparkplugBPayloadDecoder()
              .buildFromByteArray(record.payload(), known == null ? null : known.types());
    } catch (Exception e) {
      refuse(ctx, record, "payload: not a Sparkplug B payload (" + e.getMessage() + ")");
      return;
    }
    long[] state = nodeState();
    if (type != MessageType.NBIRTH && type != MessageType.NDEATH) {
      countGap(state, payload.getSeq());
    }
    switch (type) {
      case NBIRTH -> {
        for (String born : births.keys()) {
          decoded.remove(ctx.getCurrentKey() + "|" + born);
        }
        births.clear();
        state[0] = bdSeq(payload);
        state[1] = payload.getSeq() == null ? -1 : payload.getSeq();
        born(ctx, scope, deviceId, payload);
        emit(deviceId, payload, Births.of(payload), record, ctx, out);
      }
      case DBIRTH -> {
        if (births(ctx.getCurrentKey(), NODE) == null) {
          noBirth(ctx, record, topic, "DBIRTH before its edge node's NBIRTH");
          return;
        }
        born(ctx, scope, deviceId, payload);
        emit(deviceId, payload, Births.of(payload), record, ctx, out);
      }
      case NDATA, DDATA -> {
        if (known == null) {
          noBirth(
              ctx,
              record,
              topic,
              type + " before its " + (scope.equals(NODE) ? "NBIRTH" : "DBIRTH"));
          return;
        }
        emit(deviceId, payload, known, record, ctx, out);
      }
      case NDEATH -> {
        long bdSeq = bdSeq(payload);
        if (state[0] >= 0 && bdSeq >= 0 && bdSeq != state[0]) {
          LOG.info("NDEATH of {} with bdSeq {} ends an earlier session: ignored", nodeId, bdSeq);
          return;
        }
        for (String born : births.keys()) {
          status(ctx, born.equals(NODE) ? nodeId : nodeId + "." + born, OFFLINE);
          decoded.remove(ctx.getCurrentKey() + "|" + born);
        }
        births.clear();
        state[0] = -1;
      }
      case DDEATH -> {
        births.remove(scope);
        decoded.remove(ctx.getCurrentKey() + "|" + scope);
        status(ctx, deviceId, OFFLINE);
      }
      default -> {
        return;
      }
    }
    node.update(state);
  }

  private long[] nodeState() throws Exception {
    long[] state = node.value();
    return state == null ? new long[] {-1, -1, Long.MIN_VALUE} : state.clone();
  }

  private void countGap(long[] state, Long seq) {
    if (seq == null) {
      return;
    }
    if (state[1] >= 0 && seq != (state[1] + 1) % 256) {
      gaps.inc();
    }
    state[1] = seq;
  }

  private void born(Context ctx, String scope, String deviceId, SparkplugBPayload payload)
      throws Exception {
    Births table = Births.of(payload);
    births.put(scope, table.encode());
    decoded.put(ctx.getCurrentKey() + "|" + scope, table);
    status(ctx, deviceId, ONLINE);
  }

  private Births births(String edgeNode, String scope) throws Exception {
    String cacheKey = edgeNode + "|" + scope;
    Births table = decoded.get(cacheKey);
    if (table == null) {
      String stored = births.get(scope);
      if (stored == null) {
        return null;
      }
      table = Births.decode(stored);
      decoded.put(cacheKey, table);
    }
    return table;
  }

  /** Turns the metrics of one message into readings, one per metric timestamp. */
  private void emit(
      String deviceId,
      SparkplugBPayload payload,
      Births known,
      MqttRecord record,
      Context ctx,
      Collector<Reading> out) {
    Instant fallback =
        payload.getTimestamp() != null
            ? payload.getTimestamp().toInstant()
            : Instant.ofEpochMilli(record.receivedAtMillis());
    Map<Instant, Map<String, Double>> byTime = new TreeMap<>();
    Map<Instant, List<String>> refusedTimes = new TreeMap<>();
    List<String> unknown = new ArrayList<>();
    for (Metric metric : payload.getMetrics()) {
      String name = metric.hasName() ? metric.getName() : null;
      MetricDataType type = metric.getDataType();
      if (name == null || type == null || type == MetricDataType.Unknown) {
        Births.Entry entry = metric.hasAlias() ? known.byAlias(metric.getAlias()) : null;
        if (entry == null && name == null) {
          unknown.add(String.valueOf(metric.getAlias()));
          continue;
        }
        if (entry != null) {
          name = name == null ? entry.name() : name;
          type = type == null || type == MetricDataType.Unknown ? entry.type() : type;
        }
      }
      Double value = Births.number(name, type, metric);
      if (value == null) {
        skipped.inc();
        continue;
      }
      Date at = metric.getTimestamp();
      Instant ts = at == null ? fallback : at.toInstant();
      Instant arrival = Instant.ofEpochMilli(record.receivedAtMillis());
      if (clocks.judge("ts", ts, arrival).isPresent()) {
        refusedTimes.computeIfAbsent(ts, t -> new ArrayList<>()).add(name);
        continue;
      }
      if (!Reading.storable(ts)) {
        skipped.inc();
        continue;
      }
      byTime.computeIfAbsent(ts, t -> new HashMap<>()).put(name, value);
    }
    refusedTimes.forEach((ts, names) -> refuseClock(ctx, record, deviceId, ts, names));
    if (!unknown.isEmpty()) {
      refuse(
          ctx,
          record,
          "metrics: alias "
              + String.join(", ", unknown)
              + " not in the birth of "
              + deviceId
              + "; the other metrics were taken and a rebirth was requested");
      requestRebirth(ctx, record);
    }
    byTime.forEach(
        (ts, metrics) -> {
          readings.inc();
          readingsTotal.add(1);
          out.collect(
              new Reading(
                  deviceId,
                  ts,
                  Reading.NO_SEQ,
                  known.model(),
                  metrics,
                  Map.of(),
                  Reading.SPARKPLUG,
                  Map.of()));
        });
  }

  private void noBirth(Context ctx, MqttRecord record, Topic topic, String what) throws Exception {
    refuse(
        ctx,
        record,
        what
            + " of "
            + topic.getGroupId()
            + "/"
            + topic.getEdgeNodeId()
            + (topic.getDeviceId() == null ? "" : "/" + topic.getDeviceId())
            + ": not data until the edge node rebirths; a rebirth was requested");
    requestRebirth(ctx, record);
  }

  private void requestRebirth(Context ctx, MqttRecord record) {
    try {
      long[] state = nodeState();
      long now = ctx.timerService().currentProcessingTime();
      if (state[2] != Long.MIN_VALUE && now - state[2] < REBIRTH_PAUSE_MS) {
        return;
      }
      state[2] = now;
      node.update(state);
      String[] levels = record.topic().split("/");
      rebirths.inc();
      ctx.output(
          PUBLISH,
          new MqttOutbound(
              NAMESPACE + "/" + levels[1] + "/NCMD/" + levels[3],
              Births.rebirthRequest(now),
              0,
              false));
    } catch (Exception e) {
      LOG.warn("could not request a rebirth for {}: {}", record.topic(), e.toString());
    }
  }

  private static void status(Context ctx, String deviceId, byte[] state) {
    ctx.output(PUBLISH, new MqttOutbound("devices/" + deviceId + "/status", state, 1, true));
  }

  private static long bdSeq(SparkplugBPayload payload) {
    for (Metric metric : payload.getMetrics()) {
      if (BD_SEQ.equals(metric.getName()) && metric.getValue() instanceof Number number) {
        return number.longValue();
      }
    }
    return -1;
  }

  /** A dead letter for the metrics of one message at a time the device's clock cannot have. */
  private void refuseClock(
      Context ctx, MqttRecord record, String deviceId, Instant ts, List<String> names) {
    Instant arrival = Instant.ofEpochMilli(record.receivedAtMillis());
    ClockPolicy.Refusal refusal =
        clocks.judge("timestamp of " + String.join(", ", names), ts, arrival).orElseThrow();
    clockRefused.inc();
    deadLetters.inc();
    deadLettersTotal.add(1);
    ctx.output(
        ParseReadings.DEAD_LETTERS,
        new DeadLetter(
            arrival,
            record.topic(),
            refusal.reason(),
            base64(record),
            deviceId,
            refusal.problem().code()));
  }

  private static String base64(MqttRecord record) {
    return "base64:" + Base64.getEncoder().encodeToString(record.payload());
  }

  private void refuse(Context ctx, MqttRecord record, String reason) {
    deadLetters.inc();
    deadLettersTotal.add(1);
    ctx.output(
        ParseReadings.DEAD_LETTERS,
        new DeadLetter(
            Instant.ofEpochMilli(record.receivedAtMillis()),
            record.topic(),
            reason,
            base64(record)));
  }
}
