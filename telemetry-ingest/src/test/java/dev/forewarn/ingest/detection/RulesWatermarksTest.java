package dev.forewarn.ingest.detection;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_1M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_3M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_4M;
import static dev.forewarn.ingest.testing.Fixtures.overheating;
import static dev.forewarn.ingest.testing.Fixtures.reading;
import static dev.forewarn.ingest.testing.Fixtures.rulesInputIdle;
import static dev.forewarn.ingest.testing.Fixtures.update;
import static dev.forewarn.rules.lifecycle.CaseEvent.Type.OPENED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RulesWatermarksTest {

  private static final long TELEMETRY_TIME = 1_000_000L;

  @Test
  void theRulesStreamHoldsEventTimeBackUntilTheRetainedSetIsInThenGoesIdle() {
    WatermarkGenerator<RuleUpdate> generator =
        RulesWatermarks.strategy().createWatermarkGenerator(null);
    List<Long> emitted = new ArrayList<>();
    List<Boolean> idle = new ArrayList<>();
    WatermarkOutput output = collecting(emitted, idle);

    generator.onPeriodicEmit(output);
    generator.onEvent(new RuleUpdate("x", "{}"), Long.MIN_VALUE, output);
    assertThat(idle).isEmpty();

    generator.onEvent(RuleUpdate.synced(List.of("x")), Long.MIN_VALUE, output);
    generator.onPeriodicEmit(output);
    generator.onEvent(RuleUpdate.removal("x"), Long.MIN_VALUE, output);

    assertThat(idle).containsOnly(true).hasSize(3);
    assertThat(emitted).as("no watermark of its own, ever").isEmpty();
  }

  @Test
  void withTheRulesIdleTheDetectionFollowsTheTelemetryWatermark() throws Exception {
    try (KeyedBroadcastOperatorTestHarness<String, Reading, RuleUpdate, CaseEvent> harness =
        detection()) {
      rulesInputIdle(harness);
      harness.processWatermark(TELEMETRY_TIME);

      assertThat(watermarks(harness)).containsExactly(TELEMETRY_TIME);
    }
  }

  @Test
  void aRulesStreamWithoutWatermarksWouldHoldEventTimeBackForever() throws Exception {
    try (KeyedBroadcastOperatorTestHarness<String, Reading, RuleUpdate, CaseEvent> harness =
        detection()) {
      harness.processWatermark(TELEMETRY_TIME);

      assertThat(watermarks(harness)).isEmpty();
    }
  }

  @Test
  void aFleetFallenQuietForTheIdleTimeoutNeitherClosesCasesNorRunsEventTimeToTheEnd()
      throws Exception {
    try (KeyedBroadcastOperatorTestHarness<String, Reading, RuleUpdate, CaseEvent> harness =
        detection()) {
      TwoInputStreamOperator<?, ?, ?> operator =
          (TwoInputStreamOperator<?, ?, ?>) harness.getOperator();
      WatermarkGenerator<RuleUpdate> rules =
          RulesWatermarks.strategy().createWatermarkGenerator(null);
      WatermarkOutput toDetection = rulesInputOf(harness, operator);
      harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
      RuleUpdate synced = RuleUpdate.synced(List.of("overheat"));
      harness.processBroadcastElement(synced, 0);
      rules.onEvent(synced, Long.MIN_VALUE, toDetection);
      for (Reading reading :
          List.of(
              reading("dev-hot", T0, 70),
              reading("dev-hot", T0_PLUS_1M, 85),
              reading("dev-hot", T0_PLUS_3M, 87))) {
        harness.processElement(reading, reading.ts().toEpochMilli());
        harness.processWatermark(reading.ts().toEpochMilli());
      }
      assertThat(harness.extractOutputValues()).extracting(CaseEvent::type).containsOnly(OPENED);

      // No reading for the idle timeout: the readings' event-time stage marks itself idle.
      operator.processWatermarkStatus1(WatermarkStatus.IDLE);
      rules.onPeriodicEmit(toDetection);

      assertThat(harness.extractOutputValues())
          .as("the case stays open and the device's state stays: event time stands still")
          .extracting(CaseEvent::type)
          .containsOnly(OPENED);
      assertThat(watermarks(harness)).doesNotContain(Long.MAX_VALUE);
      assertThat(harness.numEventTimeTimers()).isPositive();

      // Readings again: event time goes on from theirs.
      operator.processWatermarkStatus1(WatermarkStatus.ACTIVE);
      Reading cooler = reading("dev-hot", T0_PLUS_4M, 60);
      harness.processElement(cooler, cooler.ts().toEpochMilli());
      harness.processWatermark(cooler.ts().toEpochMilli());
      assertThat(harness.extractOutputValues())
          .extracting(CaseEvent::type)
          .containsExactly(OPENED, CaseEvent.Type.CLEARED);
    }
  }

  private static KeyedBroadcastOperatorTestHarness<String, Reading, RuleUpdate, CaseEvent>
      detection() throws Exception {
    return ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
        new DetectCases(), Reading::deviceId, Types.STRING, DetectCases.RULES);
  }

  private static List<Long> watermarks(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> harness) {
    List<Long> times = new ArrayList<>();
    for (Object element : harness.getOutput()) {
      if (element instanceof org.apache.flink.streaming.api.watermark.Watermark watermark) {
        times.add(watermark.getTimestamp());
      }
    }
    return times;
  }

  /** The rules' watermarks and idleness as the detection operator's second input receives them. */
  private static WatermarkOutput rulesInputOf(
      KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> harness,
      TwoInputStreamOperator<?, ?, ?> operator) {
    return new WatermarkOutput() {
      @Override
      public void emitWatermark(Watermark watermark) {
        try {
          harness.processBroadcastWatermark(watermark.getTimestamp());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void markIdle() {
        try {
          operator.processWatermarkStatus2(WatermarkStatus.IDLE);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }

      @Override
      public void markActive() {
        try {
          operator.processWatermarkStatus2(WatermarkStatus.ACTIVE);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  private static WatermarkOutput collecting(List<Long> emitted, List<Boolean> idle) {
    return new WatermarkOutput() {
      @Override
      public void emitWatermark(Watermark watermark) {
        emitted.add(watermark.getTimestamp());
      }

      @Override
      public void markIdle() {
        idle.add(true);
      }

      @Override
      public void markActive() {
        idle.add(false);
      }
    };
  }
}
