package dev.forewarn.rules.reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class TelemetryTopicTest {

  @Test
  void readsTheDeviceIdOfATelemetryTopic() {
    assertThat(ReadingJson.deviceIdFromTopic("devices/ac-0001/telemetry")).contains("ac-0001");
    assertThat(ReadingJson.deviceIdFromTopic("devices/x/telemetry")).contains("x");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "devices//telemetry",
        "devices/telemetry",
        "devices/ac-0001/status",
        "devices/ac-0001/telemetry/extra",
        "devices/a/b/telemetry",
        "/devices/ac-0001/telemetry",
        "device/ac-0001/telemetry",
        "devices/+/telemetry",
        "devices/#/telemetry",
        "forewarn/rules/compressor-overheat"
      })
  void findsNoDeviceInOtherTopics(String topic) {
    assertThat(ReadingJson.deviceIdFromTopic(topic)).isEmpty();
  }

  @Test
  void buildsTheTopicThatItReadsBack() {
    String topic = ReadingJson.telemetryTopic("ac-0001");

    assertThat(topic).isEqualTo("devices/ac-0001/telemetry");
    assertThat(ReadingJson.deviceIdFromTopic(topic)).contains("ac-0001");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a/b", "a+", "#"})
  void refusesDeviceIdsThatAreNotOneTopicLevel(String deviceId) {
    assertThatThrownBy(() -> ReadingJson.telemetryTopic(deviceId))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
