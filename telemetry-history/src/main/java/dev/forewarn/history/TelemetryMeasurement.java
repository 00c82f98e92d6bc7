package dev.forewarn.history;

/**
 * The names of the history the job writes (docs/contracts.md): one point per reading in the
 * measurement {@code telemetry}, tagged with the device and its model, a float field per metric and
 * the integer field {@code seq}.
 */
public final class TelemetryMeasurement {

  public static final String NAME = "telemetry";
  public static final String DEVICE_TAG = "device_id";
  public static final String MODEL_TAG = "model";
  public static final String SEQ_FIELD = "seq";

  private TelemetryMeasurement() {}
}
