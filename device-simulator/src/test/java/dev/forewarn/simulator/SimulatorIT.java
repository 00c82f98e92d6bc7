package dev.forewarn.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import dev.forewarn.simulator.fleet.DeviceProfile;
import dev.forewarn.simulator.fleet.FleetScript;
import dev.forewarn.simulator.fleet.Outgoing;
import dev.forewarn.simulator.mqtt.FleetConnections;
import dev.forewarn.simulator.mqtt.TopicRecorder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator against the real Mosquitto that scripts/services.sh starts. */
class SimulatorIT {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + "-";
  private final List<String> retainedTopics = new ArrayList<>();

  @AfterEach
  void clearRetainedStatuses() throws Exception {
    TopicRecorder.clearRetained(retainedTopics);
  }

  private Simulator simulator(String... options) {
    List<String> args = new ArrayList<>(List.of(options));
    args.addAll(List.of("--mqtt-url", TopicRecorder.MQTT_URL, "--device-prefix", prefix));
    args.addAll(List.of("--client-id", prefix + "fleet"));
    Simulator simulator = new Simulator(SimulatorConfig.fromArgs(args.toArray(String[]::new)));
    simulator.fleet().forEach(d -> retainedTopics.add(FleetConnections.statusTopic(d.deviceId())));
    retainedTopics.add(FleetConnections.fleetStatusTopic(prefix + "fleet"));
    return simulator;
  }

  private static List<String> topics(Simulator simulator, String kind) {
    return simulator.fleet().stream()
        .map(device -> "devices/" + device.deviceId() + "/" + kind)
        .toList();
  }

  private static List<Reading> scripted(Simulator simulator, SimulatorConfig config) {
    return FleetScript.all(
            simulator.fleet(), config.pace(), config.impairments(), config.fleet().seed())
        .stream()
        .filter(Outgoing.Telemetry.class::isInstance)
        .map(message -> ((Outgoing.Telemetry) message).reading())
        .toList();
  }

  private static List<Reading> decoded(List<TopicRecorder.Received> messages) {
    return messages.stream()
        .map(
            m ->
                ReadingJson.parse(
                    ReadingJson.deviceIdFromTopic(m.topic()).orElseThrow(), m.payload()))
        .toList();
  }

  @Test
  void subscriberReceivesExactlyTheScriptedReadingsInEachDevicesOrder() throws Exception {
    String[] options = {
      "--devices",
      "3",
      "--degrading",
      "1",
      "--sudden",
      "1",
      "--rate",
      "150",
      "--readings",
      "30",
      "--time-scale",
      "60",
      "--start",
      "2026-11-22T10:00:00Z",
      "--seed",
      "11",
      "--gap-rate",
      "0.1",
      "--duplicate-rate",
      "0.1",
      "--out-of-order-rate",
      "0.1"
    };
    Simulator simulator = simulator(options);
    List<Reading> expected = scripted(simulator, SimulatorConfig.fromArgs(options));

    try (TopicRecorder recorder = TopicRecorder.subscribe(topics(simulator, "telemetry"))) {
      RunStats stats = simulator.run();

      assertThat(stats.published()).isEqualTo(expected.size());
      assertThat(stats.failed()).isZero();
      await().atMost(PATIENCE).until(() -> recorder.received().size() >= expected.size());
      for (DeviceProfile device : simulator.fleet()) {
        assertThat(decoded(recorder.receivedOn(device.deviceId() + "/telemetry")))
            .as("readings of %s in arrival order", device.deviceId())
            .isNotEmpty()
            .containsExactlyElementsOf(
                expected.stream().filter(r -> r.deviceId().equals(device.deviceId())).toList());
      }
    }
  }

  @Test
  void retainedStatusIsOnlineWhileTheFleetRunsAndOfflineAfterItStops() throws Exception {
    Simulator simulator = simulator("--devices", "2", "--rate", "20", "--duration", "60");
    simulator.start();
    await().atMost(PATIENCE).until(() -> simulator.stats().published() > 0);

    try (TopicRecorder late = TopicRecorder.subscribe(topics(simulator, "status"))) {
      await().atMost(PATIENCE).until(() -> late.received().size() == 2);
      assertThat(late.received())
          .allSatisfy(
              status -> {
                assertThat(status.retained()).isTrue();
                assertThat(status.text()).isEqualTo(FleetConnections.ONLINE_JSON);
              });
    }
    RunStats stats = simulator.stop();

    assertThat(stats.statusMessages()).isEqualTo(4);
    try (TopicRecorder after = TopicRecorder.subscribe(topics(simulator, "status"))) {
      await().atMost(PATIENCE).until(() -> after.received().size() == 2);
      assertThat(after.received())
          .extracting(TopicRecorder.Received::text)
          .containsOnly(FleetConnections.OFFLINE_JSON);
    }
  }

  @Test
  void sharedConnectionStillMarksEachDeviceAndTheFleetOffline() throws Exception {
    Simulator simulator =
        simulator("--devices", "3", "--device-connections", "0", "--rate", "60", "--readings", "2");

    RunStats stats = simulator.run();

    assertThat(stats.published()).isEqualTo(6);
    List<String> statusTopics = new ArrayList<>(topics(simulator, "status"));
    statusTopics.add(FleetConnections.fleetStatusTopic(prefix + "fleet"));
    try (TopicRecorder after = TopicRecorder.subscribe(statusTopics)) {
      await().atMost(PATIENCE).until(() -> after.received().size() == 4);
      assertThat(after.received())
          .extracting(TopicRecorder.Received::text)
          .containsOnly(FleetConnections.OFFLINE_JSON);
    }
  }

  @Test
  void unreachableBrokerIsReportedWithItsAddress() {
    Simulator simulator =
        new Simulator(
            SimulatorConfig.fromArgs("--mqtt-url", "tcp://127.0.0.1:1", "--devices", "1"));

    assertThatThrownBy(simulator::run)
        .isInstanceOf(SimulatorException.class)
        .hasMessageStartingWith("cannot connect to the MQTT broker at tcp://127.0.0.1:1: ");
  }
}
