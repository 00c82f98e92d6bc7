package dev.forewarn.ingest.detection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class RulesWatermarksTest {

  private static final long TELEMETRY_TIME = 1_000_000L;

  @Test
  void theRulesStreamHoldsEventTimeBackUntilTheRetainedSetIsInThenEmitsTheMaximum() {
    WatermarkGenerator<RuleUpdate> generator =
        RulesWatermarks.strategy().createWatermarkGenerator(null);
    List<Long> emitted = new ArrayList<>();
    WatermarkOutput output = collecting(emitted);

    generator.onPeriodicEmit(output);
    generator.onEvent(new RuleUpdate("x", "{}"), Long.MIN_VALUE, output);
    assertThat(emitted).isEmpty();

    generator.onEvent(RuleUpdate.synced(List.of("x")), Long.MIN_VALUE, output);
    generator.onPeriodicEmit(output);
    generator.onEvent(RuleUpdate.removal("x"), Long.MIN_VALUE, output);

    assertThat(emitted).containsOnly(Long.MAX_VALUE).hasSize(3);
  }

  @Test
  void withTheRulesAtTheMaximumTheDetectionFollowsTheTelemetryWatermark() throws Exception {
    try (KeyedBroadcastOperatorTestHarness<String, Reading, RuleUpdate, CaseEvent> harness =
        detection()) {
      harness.processBroadcastWatermark(Long.MAX_VALUE);
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

  private static WatermarkOutput collecting(List<Long> emitted) {
    return new WatermarkOutput() {
      @Override
      public void emitWatermark(Watermark watermark) {
        emitted.add(watermark.getTimestamp());
      }

      @Override
      public void markIdle() {}

      @Override
      public void markActive() {}
    };
  }
}
