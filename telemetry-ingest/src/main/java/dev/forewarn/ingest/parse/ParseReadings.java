package dev.forewarn.ingest.parse;

import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import dev.forewarn.rules.reading.ReadingRejectedException;
import dev.forewarn.rules.reading.SenmlPack;
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
 * record a dead letter of its own). Everything it refuses goes to the {@link #DEAD_LETTERS} side
 * output with the reason. Both are counted as Flink metrics and as the accumulators {@value
 * #READINGS} and {@value #DEAD_LETTER_COUNT}, which a client reads from the job while it runs.
 */
public final class ParseReadings extends ProcessFunction<MqttRecord, Reading> {

  /** Accumulator and metric name: readings accepted. */
  public static final String READINGS = "readings";

  /** Accumulator and metric name: messages refused. */
  public static final String DEAD_LETTER_COUNT = "dead_letters";

  /** Side output of refused messages. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS =
      new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

  private static final Logger LOG = LoggerFactory.getLogger(ParseReadings.class);

  private transient Counter readings;
  private transient Counter deadLetters;
  private transient LongCounter readingsTotal;
  private transient LongCounter deadLettersTotal;

  @Override
  public void open(OpenContext openContext) {
    readings = getRuntimeContext().getMetricGroup().counter(READINGS);
    deadLetters = getRuntimeContext().getMetricGroup().counter(DEAD_LETTER_COUNT);
    readingsTotal = getRuntimeContext().getLongCounter(READINGS);
    deadLettersTotal = getRuntimeContext().getLongCounter(DEAD_LETTER_COUNT);
  }

  @Override
  public void processElement(MqttRecord message, Context ctx, Collector<Reading> out) {
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
      refuse(message, e.getMessage(), ctx);
      return;
    } catch (RuntimeException e) {
      // A bug in parsing must cost one message, never the job.
      refuse(message, "$: unreadable (" + e + ")", ctx);
      return;
    }
    take(reading, out);
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
      refuse(message.topic(), receivedAt, refusal.reason(), refusal.record(), ctx);
    }
    for (Reading reading : pack.readings()) {
      take(reading, out);
    }
  }

  private void take(Reading reading, Collector<Reading> out) {
    readings.inc();
    readingsTotal.add(1);
    out.collect(reading);
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
