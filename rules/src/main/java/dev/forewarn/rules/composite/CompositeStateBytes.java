package dev.forewarn.rules.composite;

import dev.forewarn.rules.condition.ConditionState;
import dev.forewarn.rules.condition.ConditionStateBytes;
import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Varints;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of the composites' states: the children's states (each behind its own tag) and then,
 * for all/any, each child's latest verdict; for any-opens, each child's run, open and last-opening
 * bits and time, then the composite's last opening.
 */
public final class CompositeStateBytes {

  private CompositeStateBytes() {}

  public static void writeComposite(ByteArrayOutputStream out, CompositeState composite) {
    Varints.write(out, composite.children().size());
    composite.children().forEach(child -> ConditionStateBytes.write(out, child));
    composite.latest().forEach(status -> out.write(status.ordinal()));
  }

  public static CompositeState readComposite(Varints.Reader in, int depth) {
    int size = in.readInt(1, "conditions");
    if (size > CompositeCondition.MAX_CONDITIONS || depth >= CompositeCondition.MAX_DEPTH) {
      throw new IllegalArgumentException("rule state: all/any too large or too deep");
    }
    List<ConditionState> children = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      children.add(ConditionStateBytes.read(in, depth + 1));
    }
    List<ConditionStatus> latest = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int ordinal = in.readByte();
      if (ordinal >= ConditionStatus.values().length) {
        throw new IllegalArgumentException("rule state: unknown verdict " + ordinal);
      }
      latest.add(ConditionStatus.values()[ordinal]);
    }
    return new CompositeState(children, latest);
  }

  public static void writeAnyOpens(ByteArrayOutputStream out, AnyOpensState state) {
    Varints.write(out, state.children().size());
    state.children().forEach(child -> ConditionStateBytes.write(out, child));
    for (AnyOpensState.OpenerState opener : state.openers()) {
      Varints.write(out, opener.run());
      out.write((opener.open() ? 1 : 0) | (opener.lastOpen() != null ? 2 : 0));
      Varints.writeInstant(out, opener.lastOpen());
    }
    out.write(state.lastOpen() != null ? 1 : 0);
    Varints.writeInstant(out, state.lastOpen());
  }

  public static AnyOpensState readAnyOpens(Varints.Reader in, int depth) {
    int size = in.readInt(1, "conditions");
    if (size > CompositeCondition.MAX_CONDITIONS) {
      throw new IllegalArgumentException("rule state: any-opens too large");
    }
    List<ConditionState> children = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      children.add(ConditionStateBytes.read(in, depth));
    }
    List<AnyOpensState.OpenerState> openers = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int run = in.readInt(0, "run");
      int flags = in.readByte();
      Instant lastOpen = (flags & 2) != 0 ? in.readInstant() : null;
      openers.add(new AnyOpensState.OpenerState(run, (flags & 1) != 0, lastOpen));
    }
    Instant lastOpen = in.readByte() == 1 ? in.readInstant() : null;
    return new AnyOpensState(children, openers, lastOpen);
  }
}
