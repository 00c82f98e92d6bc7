package dev.forewarn.ingest.detection;

import dev.forewarn.ingest.mqtt.MqttRecord;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The watermark strategy of the rules stream. Rules are not event-time data: a rule applies from
 * the moment it arrives. The detection operator's event time is the minimum over its two inputs, so
 * a rules stream without watermarks (or one that goes quiet for days) would hold the telemetry
 * watermark at its start forever and no event-time timer would ever fire. This stream therefore
 * declares itself done with event time: it always emits the maximum watermark.
 */
public final class RulesWatermarks implements WatermarkGenerator<MqttRecord> {

  private RulesWatermarks() {}

  /** A strategy whose watermark never holds back the other input. */
  public static WatermarkStrategy<MqttRecord> strategy() {
    return WatermarkStrategy.forGenerator(context -> new RulesWatermarks());
  }

  @Override
  public void onEvent(MqttRecord event, long eventTimestamp, WatermarkOutput output) {
    output.emitWatermark(Watermark.MAX_WATERMARK);
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    output.emitWatermark(Watermark.MAX_WATERMARK);
  }
}
