package dev.forewarn.ingest.mqtt;

import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * An unbounded source of MQTT messages on Eclipse Paho (QoS 1). Each reader owns one or more MQTT
 * sessions; each message is acknowledged to the broker only after the checkpoint covering it has
 * completed, so after a crash the broker delivers again what the job had not safely processed. With
 * a persistent session and a shared subscription ({@code $share/<group>/...}) several readers split
 * the traffic between them; a plain subscription is read by one (see {@link
 * MqttSourceSettings#shared()}).
 */
public final class MqttSource
    implements Source<MqttRecord, MqttSplit, MqttEnumeratorState>, ResultTypeQueryable<MqttRecord> {

  private final MqttSourceSettings settings;

  public MqttSource(MqttSourceSettings settings) {
    this.settings = settings;
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<MqttSplit, MqttEnumeratorState> createEnumerator(
      SplitEnumeratorContext<MqttSplit> context) {
    return new MqttEnumerator(context, settings.shared(), new MqttEnumeratorState(0, List.of()));
  }

  @Override
  public SplitEnumerator<MqttSplit, MqttEnumeratorState> restoreEnumerator(
      SplitEnumeratorContext<MqttSplit> context, MqttEnumeratorState checkpoint) {
    return new MqttEnumerator(context, settings.shared(), checkpoint);
  }

  @Override
  public SimpleVersionedSerializer<MqttSplit> getSplitSerializer() {
    return MqttSplitSerializer.INSTANCE;
  }

  @Override
  public SimpleVersionedSerializer<MqttEnumeratorState> getEnumeratorCheckpointSerializer() {
    return MqttEnumeratorStateSerializer.INSTANCE;
  }

  @Override
  public SourceReader<MqttRecord, MqttSplit> createReader(SourceReaderContext readerContext) {
    return new MqttSourceReader(settings, readerContext);
  }

  @Override
  public TypeInformation<MqttRecord> getProducedType() {
    return TypeInformation.of(MqttRecord.class);
  }
}
