package dev.forewarn.ingest.parse;

import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.ingest.mqtt.ReadableTopics;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import dev.forewarn.rules.reading.ReadingRejectedException;
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
 * Turns telemetry messages into readings; everything it refuses goes to the {@link #DEAD_LETTERS}
 * side output with the reason. Both are counted as Flink metrics and as the accumulators {@value
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
      refuse(
          message, "topic: \"" + message.topic() + "\" is not devices/{deviceId}/telemetry", ctx);
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
    readings.inc();
    readingsTotal.add(1);
    out.collect(reading);
  }

  private void refuse(MqttRecord message, String reason, Context ctx) {
    deadLetters.inc();
    deadLettersTotal.add(1);
    LOG.debug("dead letter on {}: {}", message.topic(), reason);
    Instant receivedAt = Instant.ofEpochMilli(message.receivedAtMillis());
    ctx.output(DEAD_LETTERS, DeadLetter.of(receivedAt, message.topic(), reason, message.payload()));
  }
}
