package dev.forewarn.ingest.parse;

import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.ingest.mqtt.ReadableTopics;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import dev.forewarn.rules.reading.ReadingRejectedException;
import dev.forewarn.rules.reading.SenmlPack;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns telemetry messages into readings, by topic: Forewarn JSON on {@code
 * devices/{deviceId}/telemetry} ({@link ReadingJson}), SenML packs on {@code
 * devices/{deviceId}/senml} ({@link SenmlPack}: one reading per time in the pack, each refused
 * record a dead letter of its own). A reading whose time its device's clock cannot have given
 * ({@link ClockPolicy}: far ahead of its arrival, or before the earliest time) is refused as well,
 * counted as {@value #CLOCK_REFUSED}. Everything it refuses goes to the {@link #DEAD_LETTERS} side
 * output with the reason. Both are counted as Flink metrics and as the accumulators {@value
 * #READINGS} and {@value #DEAD_LETTER_COUNT}, which a client reads from the job while it runs.
 */
public final class ParseReadings extends ProcessFunction<MqttRecord, Reading> {

  /** Accumulator and metric name: readings accepted. */
  public static final String READINGS = "readings";

  /** Accumulator and metric name: messages refused. */
  public static final String DEAD_LETTER_COUNT = "dead_letters";

  /** Metric name: readings refused for their device's clock (also counted as dead letters). */
  public static final String CLOCK_REFUSED = "clock_refused";

  /** Side output of refused messages. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private static final Logger LOG = LoggerFactory.getLogger(ParseReadings.class);

  private final ClockPolicy clocks;

  private transient Counter readings;
  private transient Counter clockRefused;
  private transient Counter deadLetters;
  private transient LongCounter readingsTotal;
  private transient LongCounter deadLettersTotal;

  /** Parsing under the {@link ClockPolicy#DEFAULT default clock policy}. */
  public ParseReadings() {
    this(ClockPolicy.DEFAULT);
  }

  /**
   * @param clocks which times a reading may carry, given when it arrived
   */
  public ParseReadings(ClockPolicy clocks) {
    this.clocks = clocks;
  }

  @Override
  public void open(OpenContext openContext) {
    readings = getRuntimeContext().getMetricGroup().counter(READINGS);
    clockRefused = getRuntimeContext().getMetricGroup().counter(CLOCK_REFUSED);
    deadLetters = getRuntimeContext().getMetricGroup().counter(DEAD_LETTER_COUNT);
    readingsTotal = getRuntimeContext().getLongCounter(READINGS);
    deadLettersTotal = getRuntimeContext().getLongCounter(DEAD_LETTER_COUNT);
  }

  @Override
  public void processElement(MqttRecord message, Context ctx, Collector<Reading> out) {
    if (message.topic().indexOf(ReadableTopics.REPLACEMENT) >= 0) {
      refuse(
          message,
          "topic: \""
              + message.topic()
              + "\" holds characters the job's MQTT client cannot read (each shown as "
              + ReadableTopics.REPLACEMENT
              + ")",
          ctx);
      return;
    }
    Optional<String> deviceId = ReadingJson.deviceIdFromTopic(message.topic());
    if (deviceId.isEmpty()) {
      Optional<String> senml = SenmlPack.deviceIdFromTopic(message.topic());
      if (senml.isPresent()) {
        processSenml(senml.get(), message, ctx, out);
      } else {
        refuse(
            message,
            "topic: \""
                + message.topic()
                + "\" is not devices/{deviceId}/telemetry or devices/{deviceId}/senml",
            ctx);
      }
      return;
    }
    Reading reading;
    try {
      reading = ReadingJson.parse(deviceId.get(), message.payload());
    } catch (ReadingRejectedException e) {
      Optional<ClockPolicy.Refusal> clock =
          e.time().flatMap(ts -> clocks.judge(e.field(), ts, arrival(message)));
      if (clock.isPresent()) {
        refuseClock(message, deviceId.get(), clock.get(), message.payload(), ctx);
      } else {
        refuse(message, e.getMessage(), ctx);
      }
      return;
    } catch (RuntimeException e) {
      // A bug in parsing must cost one message, never the job.
      refuse(message, "$: unreadable (" + e + ")", ctx);
      return;
    }
    take(message, reading, ctx, out);
  }

  private void processSenml(
      String deviceId, MqttRecord message, Context ctx, Collector<Reading> out) {
    Instant receivedAt = Instant.ofEpochMilli(message.receivedAtMillis());
    SenmlPack.Result pack;
    try {
      pack = SenmlPack.parse(deviceId, message.payload(), receivedAt);
    } catch (RuntimeException e) {
      refuse(message, "$: unreadable (" + e + ")", ctx);
      return;
    }
    for (SenmlPack.Refusal refusal : pack.refused()) {
      Optional<ClockPolicy.Refusal> clock =
          refusal.refusedTime().flatMap(ts -> clocks.judge(refusal.field(), ts, receivedAt));
      if (clock.isPresent()) {
        byte[] record = refusal.record().getBytes(StandardCharsets.UTF_8);
        refuseClock(message, deviceId, clock.get(), record, ctx);
      } else {
        refuse(message.topic(), receivedAt, refusal.reason(), refusal.record(), ctx);
      }
    }
    for (Reading reading : pack.readings()) {
      take(message, reading, ctx, out);
    }
  }

  /** Passes a reading on unless its time is one its device's clock cannot have given. */
  private void take(MqttRecord message, Reading reading, Context ctx, Collector<Reading> out) {
    Optional<ClockPolicy.Refusal> clock = clocks.judge("ts", reading.ts(), arrival(message));
    if (clock.isPresent()) {
      refuseClock(message, reading.deviceId(), clock.get(), message.payload(), ctx);
      return;
    }
    readings.inc();
    readingsTotal.add(1);
    out.collect(reading);
  }

  private void refuseClock(
      MqttRecord message,
      String deviceId,
      ClockPolicy.Refusal refusal,
      byte[] payload,
      Context ctx) {
    clockRefused.inc();
    refuse(DeadLetter.clock(arrival(message), message.topic(), deviceId, refusal, payload), ctx);
  }

  private static Instant arrival(MqttRecord message) {
    return Instant.ofEpochMilli(message.receivedAtMillis());
  }

  private void refuse(MqttRecord message, String reason, Context ctx) {
    Instant receivedAt = Instant.ofEpochMilli(message.receivedAtMillis());
    DeadLetter letter = DeadLetter.of(receivedAt, message.topic(), reason, message.payload());
    refuse(letter, ctx);
  }

  private void refuse(
      String topic, Instant receivedAt, String reason, String payload, Context ctx) {
    refuse(new DeadLetter(receivedAt, topic, reason, payload), ctx);
  }

  private void refuse(DeadLetter letter, Context ctx) {
    deadLetters.inc();
    deadLettersTotal.add(1);
    LOG.debug("dead letter on {}: {}", letter.topic(), letter.reason());
    ctx.output(DEAD_LETTERS, letter);
  }
}
