package dev.forewarn.rules.lifecycle;

import dev.forewarn.rules.condition.Varints;
import dev.forewarn.rules.document.Severity;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a {@link LifecycleState}: a varint of presence bits for its seven instants and the
 * severity, each present instant, the severity's ordinal, the run's points and the recent opens
 * kept for flap suppression.
 */
public final class LifecycleStateBytes {

  private LifecycleStateBytes() {}

  public static void write(ByteArrayOutputStream out, LifecycleState s) {
    Instant[] instants = instants(s);
    int presence = 0;
    for (int i = 0; i < instants.length; i++) {
      presence |= instants[i] != null ? 1 << i : 0;
    }
    presence |= s.openSeverity() != null ? 1 << instants.length : 0;
    Varints.write(out, presence);
    for (Instant instant : instants) {
      Varints.writeInstant(out, instant);
    }
    if (s.openSeverity() != null) {
      out.write(s.openSeverity().ordinal());
    }
    Varints.write(out, s.runPoints());
    Varints.write(out, s.recentOpens().size());
    s.recentOpens().forEach(open -> Varints.writeInstant(out, open));
  }

  private static Instant[] instants(LifecycleState s) {
    return new Instant[] {
      s.lastTs(),
      s.advancedTo(),
      s.runSince(),
      s.openSince(),
      s.reportedEta(),
      s.clearingSince(),
      s.clearedAt()
    };
  }

  public static LifecycleState read(Varints.Reader in) {
    int presence = in.readInt(0, "presence bits");
    if ((presence & ~0xFF) != 0) {
      throw new IllegalArgumentException("rule state: unknown presence bits " + presence);
    }
    Instant[] v = new Instant[7];
    for (int i = 0; i < v.length; i++) {
      v[i] = (presence & (1 << i)) != 0 ? in.readInstant() : null;
    }
    Severity severity = null;
    if ((presence & (1 << 7)) != 0) {
      int ordinal = in.readByte();
      if (ordinal >= Severity.values().length) {
        throw new IllegalArgumentException("rule state: unknown severity " + ordinal);
      }
      severity = Severity.values()[ordinal];
    }
    int runPoints = in.readInt(0, "run points");
    int opens = in.readInt(0, "recent opens");
    if (opens > FlapSuppression.MAX_OPENS) {
      throw new IllegalArgumentException("rule state: recent opens out of range " + opens);
    }
    List<Instant> recentOpens = new ArrayList<>();
    for (int i = 0; i < opens; i++) {
      recentOpens.add(in.readInstant());
    }
    return new LifecycleState(
        v[0], v[1], v[2], runPoints, v[3], severity, v[4], v[5], v[6], recentOpens);
  }
}
