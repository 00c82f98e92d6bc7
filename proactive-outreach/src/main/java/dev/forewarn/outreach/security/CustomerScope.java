package dev.forewarn.outreach.security;

import java.util.Optional;

/**
 * What a customer-side caller may see: one customer's things, and when the caller came with a case
 * link, only that one case. Controllers under {@code /api/me} take it with
 * {@code @AuthenticationPrincipal}; a request for anything outside it is answered 404, as if it did
 * not exist.
 */
public interface CustomerScope {

  /** The customer whose devices, cases, inbox and preferences these are. */
  long customerId();

  /** The one case a case link reaches; empty for a signed-in customer (all their cases). */
  Optional<Long> onlyCase();

  /** Whether a case of this customer is within the scope. */
  default boolean reaches(long caseId) {
    return onlyCase().map(only -> only == caseId).orElse(true);
  }
}
