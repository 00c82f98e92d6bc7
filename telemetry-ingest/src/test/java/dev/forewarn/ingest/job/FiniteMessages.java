package dev.forewarn.ingest.job;

import dev.forewarn.ingest.mqtt.MqttRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * A finite source of MQTT messages for tests. With a gate, readers hold their first message until
 * the test opens it, so that rules can be in place before the first reading.
 */
final class FiniteMessages implements GeneratorFunction<Long, MqttRecord> {

  private static volatile boolean gateOpen = true;

  private final ArrayList<String> topics = new ArrayList<>();
  private final ArrayList<byte[]> payloads = new ArrayList<>();
  private final ArrayList<Long> receivedAt = new ArrayList<>();
  private final boolean gated;

  private FiniteMessages(List<MqttRecord> messages, boolean gated) {
    for (MqttRecord message : messages) {
      topics.add(message.topic());
      payloads.add(message.payload());
      receivedAt.add(message.receivedAtMillis());
    }
    this.gated = gated;
  }

  static DataGeneratorSource<MqttRecord> of(List<MqttRecord> messages) {
    return source(new FiniteMessages(messages, false));
  }

  /** A source whose readers wait for {@link #openGate()}; the gate starts closed. */
  static DataGeneratorSource<MqttRecord> gated(List<MqttRecord> messages) {
    gateOpen = false;
    return source(new FiniteMessages(messages, true));
  }

  static void openGate() {
    gateOpen = true;
  }

  private static DataGeneratorSource<MqttRecord> source(FiniteMessages messages) {
    return new DataGeneratorSource<>(
        messages, messages.topics.size(), TypeInformation.of(MqttRecord.class));
  }

  @Override
  public MqttRecord map(Long index) throws InterruptedException {
    while (gated && !gateOpen) {
      Thread.sleep(10);
    }
    int i = index.intValue();
    return new MqttRecord(topics.get(i), payloads.get(i), receivedAt.get(i));
  }
}
