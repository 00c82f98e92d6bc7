package dev.forewarn.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The raw publisher against the real Mosquitto that scripts/services.sh starts. */
class RawPublisherIT {

  private final String root = "it-raw-" + UUID.randomUUID().toString().substring(0, 8);

  private List<RawPublisher.Message> messages(int count) {
    List<RawPublisher.Message> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      byte[] payload = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      messages.add(new RawPublisher.Message(root + "/d" + (i % 10), payload));
    }
    return messages;
  }

  @Test
  void everyPreparedMessageIsAcknowledgedAndDelivered() throws Exception {
    List<RawPublisher.Message> messages = messages(3000);

    try (TopicRecorder recorder = TopicRecorder.subscribe(List.of(root + "/#"));
        RawPublisher publisher = RawPublisher.connect(TopicRecorder.MQTT_URL, root, 1, 200)) {
      RawPublisher.Result result = publisher.publishAll(messages);

      assertThat(result.published()).isEqualTo(3000);
      assertThat(result.failed()).isZero();
      assertThat(result.messagesPerSecond()).isPositive();
      await().atMost(Duration.ofSeconds(20)).until(() -> recorder.received().size() >= 3000);
      assertThat(recorder.received())
          .extracting(TopicRecorder.Received::text)
          .containsExactlyInAnyOrderElementsOf(
              messages.stream().map(m -> new String(m.payload(), StandardCharsets.UTF_8)).toList());
    }
  }

  @Test
  void pacedPublishingKeepsToTheRateAndReportsEachSendInOrder() throws Exception {
    List<Integer> sent = new ArrayList<>();

    try (RawPublisher publisher = RawPublisher.connect(TopicRecorder.MQTT_URL, root, 1, 10)) {
      RawPublisher.Result result = publisher.publishAll(messages(21), 100, sent::add);

      assertThat(result.published()).isEqualTo(21);
      // 21 messages at 100/s: the last is due 200 ms after the first.
      assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }
    assertThat(sent).hasSize(21).isSorted().startsWith(0).endsWith(20);
  }
}
