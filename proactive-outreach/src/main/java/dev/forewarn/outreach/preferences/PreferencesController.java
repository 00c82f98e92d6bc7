package dev.forewarn.outreach.preferences;

import dev.forewarn.outreach.customers.TimeZoneId;
import dev.forewarn.outreach.security.CustomerScope;
import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read and replace a customer's preferences: staff for any customer under {@code
 * /api/customers/{id}/preferences}, a signed-in customer their own under {@code
 * /api/me/preferences}.
 */
@RestController
class PreferencesController {

  private static final Set<String> SEVERITIES = Set.of("INFO", "WARNING", "CRITICAL");
  private static final Set<String> CHANNELS = Set.of("sms", "email", "app");

  private final PreferencesRepository preferences;

  PreferencesController(PreferencesRepository preferences) {
    this.preferences = preferences;
  }

  @GetMapping("/api/customers/{id}/preferences")
  Preferences get(@PathVariable long id) {
    return preferences.of(id).orElseThrow(() -> notFound(id));
  }

  @PutMapping("/api/customers/{id}/preferences")
  Preferences put(@PathVariable long id, @Valid @RequestBody Body body) {
    Preferences current = preferences.of(id).orElseThrow(() -> notFound(id));
    Preferences wanted =
        new Preferences(
            body.locale() == null ? current.locale() : body.locale(),
            body.timeZone() == null ? current.timeZone() : body.timeZone(),
            body.quietHours(),
            checkedOrder(body.channelOrder()),
            checkedChannels("optedOut", body.optedOut()),
            null);
    preferences.save(id, wanted);
    return preferences.of(id).orElseThrow();
  }

  @GetMapping("/api/me/preferences")
  Preferences mine(@AuthenticationPrincipal CustomerScope me) {
    return get(me.customerId());
  }

  @PutMapping("/api/me/preferences")
  Preferences putMine(@AuthenticationPrincipal CustomerScope me, @Valid @RequestBody Body body) {
    return put(me.customerId(), body);
  }

  /** The order per severity, each list checked and with a repeated channel kept once. */
  private static Map<String, List<String>> checkedOrder(Map<String, List<String>> order) {
    if (order == null) {
      return Map.of();
    }
    Map<String, List<String>> checked = new LinkedHashMap<>();
    order.forEach(
        (severity, channels) -> {
          if (!SEVERITIES.contains(severity)) {
            throw new BadRequestException(
                "channelOrder." + severity, "must be INFO, WARNING or CRITICAL");
          }
          if (channels == null || channels.isEmpty()) {
            throw new BadRequestException("channelOrder." + severity, "must list a channel");
          }
          checked.put(severity, checkedChannels("channelOrder." + severity, channels));
        });
    return checked;
  }

  private static List<String> checkedChannels(String field, List<String> channels) {
    if (channels == null) {
      return List.of();
    }
    for (String channel : channels) {
      if (!CHANNELS.contains(channel)) {
        throw new BadRequestException(field, "'" + channel + "' is not sms, email or app");
      }
    }
    return List.copyOf(new LinkedHashSet<>(channels));
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("no customer with id " + id);
  }

  /** The body of PUT: absent locale and time zone keep theirs, everything else is replaced. */
  record Body(
      @Pattern(
              regexp = "[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*",
              message = "must be a language tag such as en or ko-KR")
          String locale,
      @TimeZoneId String timeZone,
      @Valid QuietHours quietHours,
      Map<String, List<String>> channelOrder,
      List<String> optedOut) {}
}
