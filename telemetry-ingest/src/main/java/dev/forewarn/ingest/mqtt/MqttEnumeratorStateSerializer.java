package dev.forewarn.ingest.mqtt;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/** Stores the enumerator state: version 1 is the split count, then the unassigned indexes. */
final class MqttEnumeratorStateSerializer
    implements SimpleVersionedSerializer<MqttEnumeratorState> {

  static final MqttEnumeratorStateSerializer INSTANCE = new MqttEnumeratorStateSerializer();

  @Override
  public int getVersion() {
    return 1;
  }

  @Override
  public byte[] serialize(MqttEnumeratorState state) {
    ByteBuffer out = ByteBuffer.allocate(Integer.BYTES * (2 + state.unassigned().size()));
    out.putInt(state.splitCount()).putInt(state.unassigned().size());
    state.unassigned().forEach(out::putInt);
    return out.array();
  }

  @Override
  public MqttEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
    if (version != 1) {
      throw new IOException("unknown MQTT enumerator state version " + version);
    }
    try {
      ByteBuffer in = ByteBuffer.wrap(serialized);
      int splitCount = in.getInt();
      int size = in.getInt();
      List<Integer> unassigned = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        unassigned.add(in.getInt());
      }
      return new MqttEnumeratorState(splitCount, unassigned);
    } catch (BufferUnderflowException e) {
      throw new IOException("truncated MQTT enumerator state (" + serialized.length + " bytes)", e);
    }
  }
}
