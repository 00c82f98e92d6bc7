package dev.forewarn.ingest.detection;

import dev.forewarn.rules.Rule;
import dev.forewarn.rules.RuleJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Stores rules in checkpoints as their JSON documents. The document is the rule's versioned,
 * upgradeable form: a savepoint restored by a newer job is parsed (and upgraded) by that job's
 * {@link RuleJson}, and no Kryo or Java serialization of the rule classes is involved.
 *
 * <p>Every checkpoint writes the whole broadcast state on every subtask, which with thousands of
 * rules made writing JSON the job's largest cost; each rule's UTF-8 document is therefore made once
 * and written in one piece. Rules are immutable, and a removed rule's bytes go with the rule.
 */
final class RuleSerializer extends TypeSerializerSingleton<Rule> {

  static final RuleSerializer INSTANCE = new RuleSerializer();

  private static final Map<Rule, byte[]> DOCUMENTS =
      Collections.synchronizedMap(new WeakHashMap<>());

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
    byte[] document =
        DOCUMENTS.computeIfAbsent(rule, r -> RuleJson.toJson(r).getBytes(StandardCharsets.UTF_8));
    target.writeInt(document.length);
    target.write(document);
  }

  @Override
  public Rule deserialize(DataInputView source) throws IOException {
    byte[] document = new byte[source.readInt()];
    source.readFully(document);
    return RuleJson.parse(new String(document, StandardCharsets.UTF_8));
  }

  @Override
  public Rule deserialize(Rule reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    int length = source.readInt();
    target.writeInt(length);
    target.write(source, length);
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
