package dev.forewarn.ingest.detection;

import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

/**
 * Event time for readings that no single device's clock can move for the others. Each device counts
 * once, with the newest event time it reported; the watermark is the median of those over the
 * devices heard from recently (the lower one of an even count), minus the bounded out-of-orderness.
 * A device whose clock runs an hour ahead is one vote among many: it cannot make every other device
 * look silent, nor push their readings behind the watermark so that holding them back for a gap
 * stops working. Fewer than half of the devices can be wrong either way without moving time.
 *
 * <p>The price: the median device reports a little later than the newest one, so event time trails
 * the freshest readings by about half a reporting interval more than a maximum would; a silence is
 * noticed that much later, and a reading held behind a gap waits that much longer (a device's own
 * later readings release it sooner, see {@link DetectCases}). A device not heard from for {@code
 * forgetAfter} of arrival time leaves the vote, so a device that stopped does not hold time back
 * for the others: the job passes its idle timeout, the same span after which a silent reader stops
 * holding back the watermark. Readings whose time is far from their arrival are a separate matter
 * (a clock policy may refuse them before they get here); this generator needs no such policy and
 * works with one.
 */
public final class FleetWatermarks implements WatermarkGenerator<Reading> {

  private final long outOfOrdernessMillis;
  private final long forgetAfterMillis;
  private final LongSupplier arrivalClock;
  // device id -> {newest event time, arrival time of its newest reading}, epoch ms
  private final Map<String, long[]> devices = new HashMap<>();
  private long emitted = Long.MIN_VALUE;

  /**
   * @param outOfOrderness how late a reading may be and still be in event time
   * @param forgetAfter how long a device votes after its last reading arrived
   * @param arrivalClock the arrival (processing) time in epoch milliseconds
   */
  public FleetWatermarks(Duration outOfOrderness, Duration forgetAfter, LongSupplier arrivalClock) {
    this.outOfOrdernessMillis = outOfOrderness.toMillis();
    this.forgetAfterMillis = forgetAfter.toMillis();
    this.arrivalClock = arrivalClock;
  }

  @Override
  public void onEvent(Reading reading, long eventTimestamp, WatermarkOutput output) {
    long[] device =
        devices.computeIfAbsent(reading.deviceId(), id -> new long[] {eventTimestamp, 0});
    device[0] = Math.max(device[0], eventTimestamp);
    device[1] = arrivalClock.getAsLong();
  }

  @Override
  public void onPeriodicEmit(WatermarkOutput output) {
    long forgetBefore = arrivalClock.getAsLong() - forgetAfterMillis;
    long[] newest = new long[devices.size()];
    int n = 0;
    for (Iterator<long[]> it = devices.values().iterator(); it.hasNext(); ) {
      long[] device = it.next();
      if (device[1] < forgetBefore) {
        it.remove();
      } else {
        newest[n++] = device[0];
      }
    }
    if (n == 0) {
      return;
    }
    Arrays.sort(newest, 0, n);
    long median = newest[(n - 1) / 2];
    long candidate = median - outOfOrdernessMillis - 1;
    if (candidate > emitted) {
      emitted = candidate;
      output.emitWatermark(new Watermark(candidate));
    }
  }

  /** How many devices vote now. */
  int devices() {
    return devices.size();
  }
}
