package dev.forewarn.ingest.detection;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The watermark strategy of the rules stream. Rules are not event-time data: a rule applies from
 * the moment it arrives. The detection operator's event time is the minimum over its two inputs, so
 * this stream holds event time back until the rules reader has the complete retained set (the first
 * {@link RuleUpdate#synced} update), and from then on never again: it emits the maximum watermark.
 * Until then no reading held in detection is released by event time, so a backlog that reaches
 * detection before the rules waits for them instead of being judged against none.
 */
public final class RulesWatermarks implements WatermarkGenerator<RuleUpdate> {

  private boolean synced;

  private RulesWatermarks() {}

  /** A strategy that holds event time back until the rules are in, and never after. */
  public static WatermarkStrategy<RuleUpdate> strategy() {
    return WatermarkStrategy.forGenerator(context -> new RulesWatermarks());
  }

  @Override
  public void onEvent(RuleUpdate update, long eventTimestamp, WatermarkOutput output) {
    synced |= update.isSynced();
    onPeriodicEmit(output);
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    if (synced) {
      output.emitWatermark(Watermark.MAX_WATERMARK);
    }
  }
}
