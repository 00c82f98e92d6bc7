package dev.forewarn.outreach.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether a claimed message may leave now.
 *
 * @param verdict send, wait, or do not send
 * @param reason why not, in words for the timeline
 * @param until for {@code DEFER}: when it may leave
 * @param moveOn for {@code CANCEL}: whether the case tries its next channel instead
 */
record GateDecision(Verdict verdict, String reason, Optional<Instant> until, boolean moveOn) {

  enum Verdict {
    SEND,
    DEFER,
    CANCEL
  }

  static final GateDecision SEND = new GateDecision(Verdict.SEND, "", Optional.empty(), false);

  static GateDecision defer(Instant until, String reason) {
    return new GateDecision(Verdict.DEFER, reason, Optional.of(until), false);
  }

  static GateDecision cancel(String reason, boolean moveOn) {
    return new GateDecision(Verdict.CANCEL, reason, Optional.empty(), moveOn);
  }
}
