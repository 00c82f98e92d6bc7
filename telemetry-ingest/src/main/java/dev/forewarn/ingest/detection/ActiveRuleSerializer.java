package dev.forewarn.ingest.detection;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Stores active rules in checkpoints as their JSON documents. The document is the rule's versioned,
 * upgradeable form: a savepoint restored by a newer job is parsed (and upgraded) by that job's
 * {@code RuleJson}, and no Kryo or Java serialization of the rule classes is involved. Every
 * checkpoint writes the whole broadcast state on every subtask, so the bytes are written as they
 * arrived, never made again.
 */
final class ActiveRuleSerializer extends TypeSerializerSingleton<ActiveRule> {

  static final ActiveRuleSerializer INSTANCE = new ActiveRuleSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public ActiveRule createInstance() {
    return null;
  }

  @Override
  public ActiveRule copy(ActiveRule from) {
    return from;
  }

  @Override
  public ActiveRule copy(ActiveRule from, ActiveRule reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(ActiveRule rule, DataOutputView target) throws IOException {
    target.writeInt(rule.document().length);
    target.write(rule.document());
  }

  @Override
  public ActiveRule deserialize(DataInputView source) throws IOException {
    byte[] document = new byte[source.readInt()];
    source.readFully(document);
    return ActiveRule.parse(document);
  }

  @Override
  public ActiveRule deserialize(ActiveRule reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
  }

  @Override
  public TypeSerializerSnapshot<ActiveRule> snapshotConfiguration() {
    return new ActiveRuleSerializerSnapshot();
  }

  /** Restores this serializer from checkpoints. */
  public static final class ActiveRuleSerializerSnapshot
      extends SimpleTypeSerializerSnapshot<ActiveRule> {
    public ActiveRuleSerializerSnapshot() {
      super(() -> INSTANCE);
    }
  }
}
