package dev.forewarn.outreach.selfservice;

import java.util.List;

/**
 * One case as the customer's pages show it, every text already in the page's language and every
 * time in the viewer's time zone.
 *
 * @param id case id
 * @param device the device as the customer knows it
 * @param status OPEN, CLEARED or RESOLVED
 * @param severity INFO, WARNING or CRITICAL
 * @param health the device's health in plain words
 * @param what what is happening, in the customer's words
 * @param eta how long until it may stop working, e.g. "about 5 hours"; empty when unknown
 * @param etaAt when that is, on the viewer's clock; empty when unknown
 * @param action the recommended action
 * @param startedAt when the problem began on the device (device clock)
 * @param detectedAt when the device's readings opened the case (device clock)
 * @param toldAt when Forewarn first told the customer (Forewarn's clock); empty before
 * @param acknowledgedAt when the customer said they had seen it; empty before
 * @param actions the page's actions for the case, done or to do
 * @param satisfaction the score given, or null
 * @param base path the action forms post under ({@code /c/{token}} or {@code /me/cases/{id}})
 */
public record CaseCard(
    long id,
    String device,
    String status,
    String severity,
    String health,
    String what,
    String eta,
    String etaAt,
    String action,
    String startedAt,
    String detectedAt,
    String toldAt,
    String acknowledgedAt,
    List<Action> actions,
    Integer satisfaction,
    String base) {

  /**
   * An action of the page.
   *
   * @param name the action's name in the page's markup ({@code book})
   * @param label the button's words
   * @param done what the page says instead once it is done; null while it is to do
   */
  public record Action(String name, String label, String done) {}
}
