package dev.forewarn.outreach.preferences;

import dev.forewarn.outreach.config.OutreachProperties;
import dev.forewarn.outreach.customers.ContactPoint;
import dev.forewarn.outreach.customers.ContactPointRepository;
import dev.forewarn.outreach.customers.Device;
import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.rules.document.Severity;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

  /**
   * Reads what routing the cases of these devices needs, the preferences and contact points of
   * their owners and secondary contacts, in two round trips however many devices there are.
   */
  public Routes forDevices(Collection<Device> devices) {
    Set<Long> people =
        devices.stream()
            .flatMap(d -> Stream.of(d.customerId(), d.secondaryCustomerId()))
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
    return new Routes(preferences.of(people), contactPoints.of(people));
  }

  /** The routes of cases on the devices {@link #forDevices} read. */
  public final class Routes {

    private final Map<Long, Preferences> preferences;
    private final Map<Long, List<ContactPoint>> contactPoints;

    private Routes(Map<Long, Preferences> preferences, Map<Long, List<ContactPoint>> points) {
      this.preferences = preferences;
      this.contactPoints = points;
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
      Preferences p = preferences.get(customerId);
      if (p == null || p.stoppedAt() != null) {
        return;
      }
      List<String> order =
          p.channelOrder().getOrDefault(severity.name(), properties.channelOrder());
      List<ContactPoint> points = contactPoints.getOrDefault(customerId, List.of());
      // A channel listed twice (stored before the API kept lists unique) is tried once.
      for (String channel : new LinkedHashSet<>(order)) {
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
}
