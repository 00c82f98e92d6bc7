package dev.forewarn.ingest.detection;

import dev.forewarn.rules.Rule;
import dev.forewarn.rules.RuleJson;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Stores rules in checkpoints as their JSON documents. The document is the rule's versioned,
 * upgradeable form: a savepoint restored by a newer job is parsed (and upgraded) by that job's
 * {@link RuleJson}, and no Kryo or Java serialization of the rule classes is involved.
 */
final class RuleSerializer extends TypeSerializerSingleton<Rule> {

  static final RuleSerializer INSTANCE = new RuleSerializer();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public Rule createInstance() {
    return null;
  }

  @Override
  public Rule copy(Rule from) {
    return from;
  }

  @Override
  public Rule copy(Rule from, Rule reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(Rule rule, DataOutputView target) throws IOException {
    StringValue.writeString(RuleJson.toJson(rule), target);
  }

  @Override
  public Rule deserialize(DataInputView source) throws IOException {
    return RuleJson.parse(StringValue.readString(source));
  }

  @Override
  public Rule deserialize(Rule reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    StringValue.copyString(source, target);
  }

  @Override
  public TypeSerializerSnapshot<Rule> snapshotConfiguration() {
    return new RuleSerializerSnapshot();
  }

  /** Restores this serializer from checkpoints. */
  public static final class RuleSerializerSnapshot extends SimpleTypeSerializerSnapshot<Rule> {
    public RuleSerializerSnapshot() {
      super(() -> INSTANCE);
    }
  }
}
