package dev.forewarn.outreach.notify;

import dev.forewarn.rules.Severity;
import java.util.Optional;

/**
 * What a customer message about an opened case says: the facts from the case and the names the
 * customer knows their device and themselves by.
 *
 * @param caseId the case
 * @param deviceId the device id
 * @param nickname the owner's name for the device, when given
 * @param model the product model, when known
 * @param severity how urgent the case is; decides the advice
 * @param summary the rule's one plain sentence about what is happening
 * @param customerName the owner's name
 */
public record CaseNotice(
    long caseId,
    String deviceId,
    Optional<String> nickname,
    Optional<String> model,
    Severity severity,
    String summary,
    String customerName) {

  /** The device as the customer knows it: nickname, else model, else its id. */
  public String deviceLabel() {
    return nickname.or(() -> model.map(m -> "your " + m)).orElse("device " + deviceId);
  }
}
