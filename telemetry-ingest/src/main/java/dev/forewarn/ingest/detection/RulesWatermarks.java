package dev.forewarn.ingest.detection;

import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * The watermark strategy of the rules stream. Rules are not event-time data: a rule applies from
 * the moment it arrives. The detection operator's event time is the minimum over its active inputs,
 * so this stream holds event time back until the rules reader has the complete retained set (the
 * first {@link RuleUpdate#synced} update), and from then on marks itself idle: it no longer counts,
 * and event time is the readings' alone. Until then no reading held in detection is released by
 * event time, so a backlog that reaches detection before the rules waits for them instead of being
 * judged against none.
 *
 * <p>Idle rather than at the maximum watermark: when no device reports for the idle timeout, the
 * readings' input goes idle too, and an operator whose only active input stood at the maximum would
 * run event time to the end at once, firing every device's silence and state expiry as if a week
 * had passed. With both inputs idle, event time stands still until readings come again.
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
      output.markIdle();
    }
  }
}
