package dev.forewarn.outreach.selfservice;

import dev.forewarn.outreach.customers.Device;
import java.util.List;

/**
 * A device on the customer's account page with its health: the plain words of its most severe open
 * case, or that it works normally.
 *
 * @param deviceId the device
 * @param label nickname, else model, else id
 * @param model the model, when known
 * @param health the message code of its health
 * @param what what is happening to it, in the customer's words, when something is
 */
public record DeviceHealth(
    String deviceId, String label, String model, String health, String what) {

  private static final List<String> WORST_FIRST = List.of("CRITICAL", "WARNING", "INFO");

  public static DeviceHealth of(Device device, List<CaseCard> openCases) {
    String label =
        device.nickname() != null
            ? device.nickname()
            : device.model() != null ? device.model() : device.deviceId();
    CaseCard worst =
        openCases.stream()
            .min((a, b) -> WORST_FIRST.indexOf(a.severity()) - WORST_FIRST.indexOf(b.severity()))
            .orElse(null);
    return new DeviceHealth(
        device.deviceId(),
        label,
        device.model(),
        worst == null ? "device.ok" : "device." + worst.severity(),
        worst == null ? "" : worst.what());
  }
}
