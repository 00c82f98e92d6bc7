package dev.forewarn.outreach.preferences;

import dev.forewarn.outreach.config.OutreachProperties;
import dev.forewarn.outreach.customers.ContactPoint;
import dev.forewarn.outreach.customers.ContactPointRepository;
import dev.forewarn.outreach.customers.Device;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.rules.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Decides the route of a case: the owner's channels in the order they chose for the case's
 * severity, then the secondary contact's, skipping channels they opted out of and channels they
 * have no contact point on. The first step is tried first; each undeliverable message moves on.
 */
@Component
public class RoutePlanner {

  private final PreferencesRepository preferences;
  private final ContactPointRepository contactPoints;
  private final OutreachProperties properties;

  RoutePlanner(
      PreferencesRepository preferences,
      ContactPointRepository contactPoints,
      OutreachProperties properties) {
    this.preferences = preferences;
    this.contactPoints = contactPoints;
    this.properties = properties;
  }

  public List<RouteStep> plan(Device device, Severity severity) {
    List<RouteStep> route = new ArrayList<>();
    add(route, device.customerId(), severity);
    if (device.secondaryCustomerId() != null) {
      add(route, device.secondaryCustomerId(), severity);
    }
    return route;
  }

  private void add(List<RouteStep> route, long customerId, Severity severity) {
    Optional<Preferences> found = preferences.of(customerId);
    if (found.isEmpty() || found.get().stoppedAt() != null) {
      return;
    }
    Preferences p = found.get();
    List<String> order = p.channelOrder().getOrDefault(severity.name(), properties.channelOrder());
    List<ContactPoint> points = contactPoints.of(customerId);
    for (String channel : order) {
      if (p.optedOut().contains(channel)) {
        continue;
      }
      points.stream()
          .filter(point -> point.channel().equals(channel))
          .findFirst()
          .ifPresent(
              point ->
                  route.add(
                      new RouteStep(
                          route.size(),
                          customerId,
                          ChannelKind.fromCode(channel),
                          point.address())));
    }
  }
}
