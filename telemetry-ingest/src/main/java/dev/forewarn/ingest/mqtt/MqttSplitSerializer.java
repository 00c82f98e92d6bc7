package dev.forewarn.ingest.mqtt;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Stores a split in checkpoints: version 1 is the split index as four bytes. */
final class MqttSplitSerializer implements SimpleVersionedSerializer<MqttSplit> {

  static final MqttSplitSerializer INSTANCE = new MqttSplitSerializer();

  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(MqttSplit split) {
    return ByteBuffer.allocate(Integer.BYTES).putInt(split.index()).array();
  }

  @Override
  public MqttSplit deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1 || serialized.length != Integer.BYTES) {
      throw new IOException(
          "unknown MQTT split format: version " + version + ", " + serialized.length + " bytes");
    }
    return new MqttSplit(ByteBuffer.wrap(serialized).getInt());
  }
}
