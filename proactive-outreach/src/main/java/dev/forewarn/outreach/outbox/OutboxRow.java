package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.notify.ChannelKind;
import java.util.Optional;

/**
 * The identity of an outbox row as the case thread needs it.
 *
 * @param id outbox row id
 * @param caseId the case (0 for a message about none, e.g. a sign-in code: such rows never reach
 *     the case thread)
 * @param step the case step
 * @param channel the channel
 * @param routePosition its place in the case's route, when it is on one
 */
public record OutboxRow(
    long id, long caseId, String step, ChannelKind channel, Optional<Integer> routePosition) {

  /** The row of a claimed message about a case. */
  static OutboxRow of(ClaimedMessage m) {
    return new OutboxRow(
        m.id(), m.caseId().orElseThrow(), m.step(), m.channel(), m.routePosition());
  }
}
