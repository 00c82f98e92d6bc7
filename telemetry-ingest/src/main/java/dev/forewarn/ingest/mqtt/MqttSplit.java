package dev.forewarn.ingest.mqtt;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * One MQTT session of the source. Split {@code n} is read by one reader at a time, which connects
 * as client {@code <prefix>-<n>}; the number of splits grows with the parallelism and never
 * shrinks, so no persistent session is left behind with messages nobody reads.
 *
 * @param index the session number, 0 or more
 */
public record MqttSplit(int index) implements SourceSplit {

  @Override
  public String splitId() {
    return Integer.toString(index);
  }
}
