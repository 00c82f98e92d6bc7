package dev.forewarn.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the Twilio stand-in accepted, per outbox row: the service's status callback URL carries the
 * row's idempotency key ({@code ref=…}, docs/contracts.md), so every accepted request counts for
 * exactly one row, and more than one for a row is a duplicate the customer would receive. It also
 * keeps the accepted messages per recipient, newest first, for the service's look-ups of a message
 * it is in doubt about, and counts those look-ups. Safe for the stand-in's threads.
 */
final class ProviderSends {

  private final Map<String, Integer> acceptedByRef = new HashMap<>();
  private final Map<String, List<Map<String, Object>>> acceptedByRecipient = new HashMap<>();
  private final List<Long> acceptedAt = new ArrayList<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong hung = new AtomicLong();
  private final AtomicLong lookups = new AtomicLong();
  private final AtomicLong lookupsFound = new AtomicLong();

  /** A message request arrived, whatever the answer will be. */
  void requested() {
    requests.incrementAndGet();
  }

  /** A request answered with an error (500, 429): Twilio did not take the message. */
  void refused() {
    refused.incrementAndGet();
  }

  /** An accepted message whose answer is held past the client's timeout. */
  void hung() {
    hung.incrementAndGet();
  }

  /**
   * The provider took the message: from now on it is the customer's, whether the answer reaches the
   * service or not.
   *
   * @param ref the outbox idempotency key from the status callback URL; null when there is none
   * @param message the Message resource as the list shows it
   */
  synchronized void accepted(String ref, String to, Map<String, Object> message) {
    acceptedByRef.merge(ref == null ? "(no ref)" : ref, 1, Integer::sum);
    acceptedAt.add(System.nanoTime());
    acceptedByRecipient.computeIfAbsent(to, t -> new ArrayList<>()).add(0, message);
  }

  /**
   * When the first message after {@code nanos} was accepted ({@link System#nanoTime}), if one was.
   */
  synchronized OptionalLong firstAcceptedAfter(long nanos) {
    return acceptedAt.stream().mapToLong(Long::longValue).filter(t -> t - nanos >= 0).min();
  }

  /** The messages accepted for a recipient, newest first, as the service's look-up lists them. */
  synchronized List<Map<String, Object>> acceptedFor(String to) {
    return List.copyOf(acceptedByRecipient.getOrDefault(to, List.of()));
  }

  /** A look-up of the messages to a recipient; {@code found} when any was accepted for it. */
  void lookedUp(boolean found) {
    lookups.incrementAndGet();
    if (found) {
      lookupsFound.incrementAndGet();
    }
  }

  synchronized long accepted() {
    return acceptedByRef.values().stream().mapToLong(Integer::longValue).sum();
  }

  /** Messages accepted beyond the first for their outbox row. */
  synchronized long duplicated() {
    return acceptedByRef.values().stream().mapToLong(n -> Math.max(0, n - 1)).sum();
  }

  /** The outbox rows the provider accepted a message for at least once. */
  synchronized Set<String> refs() {
    return Set.copyOf(acceptedByRef.keySet());
  }

  long requests() {
    return requests.get();
  }

  long refusedRequests() {
    return refused.get();
  }

  long hungRequests() {
    return hung.get();
  }

  long lookups() {
    return lookups.get();
  }

  long lookupsFound() {
    return lookupsFound.get();
  }
}
