package dev.forewarn.simulator.fleet;

import dev.forewarn.rules.reading.Reading;
import java.util.Objects;

/** One message the fleet sends, and when: {@code dueNanos} after the run's start, wall time. */
public sealed interface Outgoing permits Outgoing.Telemetry, Outgoing.Offline {

  long dueNanos();

  String deviceId();

  /** A reading for {@code devices/{deviceId}/telemetry}. */
  record Telemetry(long dueNanos, Reading reading) implements Outgoing {
    public Telemetry {
      Objects.requireNonNull(reading, "reading");
    }

    @Override
    public String deviceId() {
      return reading.deviceId();
    }
  }

  /** The device stops sending: its retained status becomes offline. */
  record Offline(long dueNanos, String deviceId) implements Outgoing {
    public Offline {
      Objects.requireNonNull(deviceId, "deviceId");
    }
  }
}
