package dev.forewarn.ingest.sparkplug;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.forewarn.ingest.mqtt.MqttOutbound;
import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.ingest.parse.ParseReadings;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.simulator.mqtt.RawPublisher;
import dev.forewarn.simulator.mqtt.WireFormat;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResolveSparkplugTest {

  private static final String PREFIX = "spBv1.0/plant/";

  private KeyedOneInputStreamOperatorTestHarness<String, MqttRecord, Reading> harness;

  @BeforeEach
  void open() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedProcessFunction(
            new ResolveSparkplug(), ResolveSparkplug::edgeNodeKey, Types.STRING);
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void nodeMetricsBecomeReadingsOfTheNodeAndOtherTypesAndControlMetricsAreLeftOut()
      throws Exception {
    push(
        "NBIRTH/gw",
        payload(
            0,
            T0,
            named("bdSeq", MetricDataType.Int64, 3L),
            named("Node Control/Rebirth", MetricDataType.Boolean, false),
            named("uptime_s", MetricDataType.Int64, 120L).alias(1L),
            named("firmware", MetricDataType.String, "2.1").alias(2L),
            named("load", MetricDataType.Float, 0.5f).alias(3L)));
    push(
        "NDATA/gw",
        payload(
            1,
            T0.plusSeconds(60),
            aliased(1, MetricDataType.Int64, 180L),
            aliased(2, MetricDataType.String, "2.2")));

    assertThat(harness.extractOutputValues())
        .extracting(Reading::deviceId, Reading::ts, Reading::metrics, Reading::format)
        .containsExactly(
            tuple("plant.gw", T0, Map.of("uptime_s", 120.0, "load", 0.5), Reading.SPARKPLUG),
            tuple("plant.gw", T0.plusSeconds(60), Map.of("uptime_s", 180.0), Reading.SPARKPLUG));
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void anUnknownAliasIsADeadLetterWhileTheOtherMetricsAreTaken() throws Exception {
    push("NBIRTH/gw", payload(0, T0, named("bdSeq", MetricDataType.Int64, 0L)));
    push(
        "DBIRTH/gw/m1",
        payload(
            1,
            T0,
            named("rpm", MetricDataType.Int32, 900).alias(5L),
            named("Properties/Model", MetricDataType.String, "P-7").alias(9L)));
    push(
        "DDATA/gw/m1",
        payload(
            2,
            T0.plusSeconds(1),
            aliased(5, MetricDataType.Int32, 950),
            aliased(6, MetricDataType.Int32, 1)));

    assertThat(harness.extractOutputValues())
        .extracting(Reading::metrics, Reading::model)
        .containsExactly(tuple(Map.of("rpm", 900.0), "P-7"), tuple(Map.of("rpm", 950.0), "P-7"));
    assertThat(deadLetters())
        .extracting(DeadLetter::reason)
        .containsExactly(
            "metrics: alias 6 not in the birth of plant.gw.m1; the other metrics were taken and a"
                + " rebirth was requested");
    assertThat(published()).extracting(MqttOutbound::topic).contains("spBv1.0/plant/NCMD/gw");
  }

  @Test
  void aDeathOfAnEarlierSessionIsIgnoredAndTheMatchingOneForgetsTheBirths() throws Exception {
    push("NBIRTH/gw", payload(0, T0, named("bdSeq", MetricDataType.Int64, 7L)));
    push("DBIRTH/gw/m1", payload(1, T0, named("rpm", MetricDataType.Int32, 900).alias(5L)));
    List<MqttOutbound> births = published();
    assertThat(births)
        .extracting(MqttOutbound::topic, out -> new String(out.payload(), StandardCharsets.UTF_8))
        .containsExactly(
            tuple("devices/plant.gw/status", "{\"state\":\"online\"}"),
            tuple("devices/plant.gw.m1/status", "{\"state\":\"online\"}"));

    // The will of the session before: its bdSeq is not this birth's.
    push("NDEATH/gw", deathPayload(6L));
    assertThat(published()).hasSize(2);
    push("DDATA/gw/m1", payload(2, T0.plusSeconds(1), aliased(5, MetricDataType.Int32, 950)));
    assertThat(harness.extractOutputValues()).hasSize(2);

    push("NDEATH/gw", deathPayload(7L));
    assertThat(published().subList(2, published().size()))
        .extracting(MqttOutbound::topic, out -> new String(out.payload(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder(
            tuple("devices/plant.gw/status", "{\"state\":\"offline\"}"),
            tuple("devices/plant.gw.m1/status", "{\"state\":\"offline\"}"));
    push("DDATA/gw/m1", payload(3, T0.plusSeconds(2), aliased(5, MetricDataType.Int32, 990)));
    assertThat(harness.extractOutputValues()).hasSize(2);
    assertThat(deadLetters())
        .extracting(DeadLetter::reason)
        .containsExactly(
            "DDATA before its DBIRTH of plant/gw/m1: not data until the edge node rebirths; a"
                + " rebirth was requested");
  }

  @Test
  void garbageIsADeadLetterAndCommandsAreNotTelemetry() throws Exception {
    push("NDATA/gw", new byte[] {(byte) 0xFF, 0x01, 0x02});
    push("NCMD/gw", payload(0, T0, named("Node Control/Rebirth", MetricDataType.Boolean, true)));

    assertThat(deadLetters())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.reason()).startsWith("payload: not a Sparkplug B payload");
              assertThat(letter.payload()).isEqualTo("base64:/wEC");
            });
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void theSimulatorsEdgeNodesAreReadBackAsTheReadingsItSimulated() throws Exception {
    WireFormat wire = new WireFormat(WireFormat.Kind.SPARKPLUG);
    List<Reading> simulated = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      simulated.add(
          new Reading(
              "sim-1",
              T0.plusSeconds(i),
              i,
              "AC-200",
              Map.of("compressor_temp_c", 70.0 + i * 0.1, "fan_rpm", 1200.0)));
    }
    for (Reading reading : simulated) {
      RawPublisher.Message message = wire.encode(reading);
      harness.processElement(
          new MqttRecord(message.topic(), message.payload(), T0.toEpochMilli()), 0);
    }

    assertThat(harness.extractOutputValues())
        .containsExactlyElementsOf(
            simulated.stream()
                .map(
                    r ->
                        new Reading(
                            wire.jobDeviceId(r.deviceId()),
                            r.ts(),
                            Reading.NO_SEQ,
                            r.model(),
                            r.metrics(),
                            Map.of(),
                            Reading.SPARKPLUG,
                            Map.of()))
                .toList());
    assertThat(deadLetters()).isEmpty();
  }

  @Test
  void metricsAtTimesTheClockCannotHaveGivenAreDeadLettersAndTheOthersAreTaken() throws Exception {
    push("NBIRTH/gw", payload(0, T0, named("bdSeq", MetricDataType.Int64, 0L)));
    push("DBIRTH/gw/m1", payload(1, T0, named("rpm", MetricDataType.Int32, 900).alias(5L)));
    Instant reset = Instant.parse("1970-01-01T00:10:00Z");
    Instant ahead = T0.plus(Duration.ofDays(400));
    SparkplugBPayload data =
        new SparkplugBPayload.SparkplugBPayloadBuilder(2L)
            .setTimestamp(Date.from(T0.plusSeconds(1)))
            .addMetric(stamped(aliased(5, MetricDataType.Int32, 950), T0.plusSeconds(1)))
            .addMetric(stamped(aliased(5, MetricDataType.Int32, 960), ahead))
            .addMetric(stamped(named("temp", MetricDataType.Double, 20.5), reset))
            .createPayload();
    push("DDATA/gw/m1", new SparkplugBPayloadEncoder().getBytes(data, false));

    assertThat(harness.extractOutputValues())
        .extracting(Reading::ts, Reading::metrics)
        .containsExactly(
            tuple(T0, Map.of("rpm", 900.0)), tuple(T0.plusSeconds(1), Map.of("rpm", 950.0)));
    assertThat(deadLetters())
        .extracting(DeadLetter::reason, DeadLetter::deviceId, DeadLetter::clock)
        .containsExactly(
            tuple(
                "timestamp of temp: 1970-01-01T00:10:00Z is before 2000-01-01T00:00:00Z, the"
                    + " earliest time a reading may have",
                "plant.gw.m1",
                "before_earliest"),
            tuple(
                "timestamp of rpm: 2027-12-27T10:00:00Z is 1 year ahead of arrival at"
                    + " 2026-11-22T10:00:00Z (limit 5 min)",
                "plant.gw.m1",
                "ahead"));
    assertThat(deadLetters()).allSatisfy(d -> assertThat(d.payload()).startsWith("base64:"));
  }

  private static Metric stamped(Metric.MetricBuilder metric, Instant at) throws Exception {
    return metric.timestamp(Date.from(at)).createMetric();
  }

  private void push(String topic, byte[] payload) throws Exception {
    harness.processElement(
        new MqttRecord(PREFIX + topic, payload, T0.toEpochMilli()), T0.toEpochMilli());
  }

  private static Metric.MetricBuilder named(String name, MetricDataType type, Object value) {
    return new Metric.MetricBuilder(name, type, value);
  }

  private static Metric.MetricBuilder aliased(long alias, MetricDataType type, Object value) {
    return new Metric.MetricBuilder(alias, type, value);
  }

  private static byte[] payload(long seq, Instant at, Metric.MetricBuilder... metrics)
      throws Exception {
    SparkplugBPayload.SparkplugBPayloadBuilder builder =
        new SparkplugBPayload.SparkplugBPayloadBuilder(seq).setTimestamp(Date.from(at));
    for (Metric.MetricBuilder metric : metrics) {
      // Tahu stamps a metric with the time it was built unless told otherwise.
      builder.addMetric(metric.timestamp(Date.from(at)).createMetric());
    }
    return new SparkplugBPayloadEncoder().getBytes(builder.createPayload(), false);
  }

  private static byte[] deathPayload(long bdSeq) throws Exception {
    SparkplugBPayload payload =
        new SparkplugBPayload.SparkplugBPayloadBuilder()
            .addMetric(named("bdSeq", MetricDataType.Int64, bdSeq).createMetric())
            .createPayload();
    return new SparkplugBPayloadEncoder().getBytes(payload, false);
  }

  private List<DeadLetter> deadLetters() {
    List<DeadLetter> letters = new ArrayList<>();
    var records = harness.getSideOutput(ParseReadings.DEAD_LETTERS);
    if (records != null) {
      records.forEach(record -> letters.add(record.getValue()));
    }
    return letters;
  }

  private List<MqttOutbound> published() {
    List<MqttOutbound> out = new ArrayList<>();
    var records = harness.getSideOutput(ResolveSparkplug.PUBLISH);
    if (records != null) {
      records.forEach(record -> out.add(record.getValue()));
    }
    return out;
  }
}
