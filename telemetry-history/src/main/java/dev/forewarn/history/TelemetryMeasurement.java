package dev.forewarn.history;

/**
 * The names of the history the job writes (docs/contracts.md): one point per reading in the
 * measurement {@code telemetry}, tagged with the device and its model, a float field per metric and
 * the integer field {@code seq} (when the reading has one); the tag {@code format} names the
 * payload format of a reading that did not arrive as Forewarn JSON, and a string field {@code
 * unit:<metric>} keeps the unit a device gave a metric.
 */
public final class TelemetryMeasurement {

  public static final String NAME = "telemetry";
  public static final String DEVICE_TAG = "device_id";
  public static final String MODEL_TAG = "model";
  public static final String SEQ_FIELD = "seq";
  public static final String FORMAT_TAG = "format";
  public static final String UNIT_FIELD_PREFIX = "unit:";

  private TelemetryMeasurement() {}
}
