package dev.forewarn.outreach.selfservice;

import dev.forewarn.outreach.preferences.Preferences;
import dev.forewarn.outreach.preferences.QuietHours;
import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The preferences form of the account page: the channels in the order to try them (one order for
 * every severity), channels never to use, quiet hours and whether critical cases may break them,
 * language and time zone. Every value comes from a fixed choice except the time zone and the times,
 * which are checked.
 */
public class PreferencesForm {

  static final List<String> CHANNELS = List.of("sms", "app", "email");
  private static final List<String> SEVERITIES = List.of("INFO", "WARNING", "CRITICAL");

  private List<String> order = new ArrayList<>();
  private List<String> optedOut = new ArrayList<>();
  private String quietStart = "";
  private String quietEnd = "";
  private boolean criticalOverrides;
  private String language = "en";
  private String timeZone = "UTC";

  /** The preferences as the form shows them. */
  public static PreferencesForm of(Preferences p) {
    PreferencesForm form = new PreferencesForm();
    form.order = new ArrayList<>(p.channelOrder().getOrDefault("WARNING", CHANNELS));
    form.optedOut = new ArrayList<>(p.optedOut());
    if (p.quietHours() != null) {
      form.quietStart = p.quietHours().start().toString();
      form.quietEnd = p.quietHours().end().toString();
      form.criticalOverrides = p.quietHours().criticalOverrides();
    }
    form.language = PageLocale.supported(p.locale()).map(l -> l.getLanguage()).orElse("en");
    form.timeZone = p.timeZone();
    return form;
  }

  /** The outcome of reading the form: the preferences, or the message code of the problem. */
  record Checked(Preferences preferences, String problem) {}

  Checked toPreferences(Preferences current) {
    Set<String> chosen = new LinkedHashSet<>();
    for (String channel : order) {
      if (CHANNELS.contains(channel)) {
        chosen.add(channel);
      }
    }
    if (chosen.isEmpty()) {
      return new Checked(null, "order");
    }
    if (!optedOut.stream().allMatch(CHANNELS::contains)) {
      return new Checked(null, "opted-out");
    }
    QuietHours quiet = null;
    if (!quietStart.isBlank() || !quietEnd.isBlank()) {
      try {
        quiet =
            new QuietHours(
                LocalTime.parse(quietStart), LocalTime.parse(quietEnd), criticalOverrides);
      } catch (DateTimeParseException | IllegalArgumentException e) {
        return new Checked(null, "quiet-hours");
      }
    }
    try {
      ZoneId.of(timeZone);
    } catch (DateTimeException e) {
      return new Checked(null, "time-zone");
    }
    String locale = PageLocale.supported(language).map(l -> l.getLanguage()).orElse(null);
    if (locale == null) {
      return new Checked(null, "language");
    }
    Map<String, List<String>> channelOrder = new LinkedHashMap<>();
    SEVERITIES.forEach(s -> channelOrder.put(s, List.copyOf(chosen)));
    return new Checked(
        new Preferences(
            locale,
            timeZone,
            quiet,
            channelOrder,
            List.copyOf(new LinkedHashSet<>(optedOut)),
            current.stoppedAt()),
        null);
  }

  public List<String> getOrder() {
    return order;
  }

  public void setOrder(List<String> order) {
    this.order = order == null ? new ArrayList<>() : order;
  }

  public List<String> getOptedOut() {
    return optedOut;
  }

  public void setOptedOut(List<String> optedOut) {
    this.optedOut = optedOut == null ? new ArrayList<>() : optedOut;
  }

  public String getQuietStart() {
    return quietStart;
  }

  public void setQuietStart(String quietStart) {
    this.quietStart = quietStart == null ? "" : quietStart.strip();
  }

  public String getQuietEnd() {
    return quietEnd;
  }

  public void setQuietEnd(String quietEnd) {
    this.quietEnd = quietEnd == null ? "" : quietEnd.strip();
  }

  public boolean isCriticalOverrides() {
    return criticalOverrides;
  }

  public void setCriticalOverrides(boolean criticalOverrides) {
    this.criticalOverrides = criticalOverrides;
  }

  public String getLanguage() {
    return language;
  }

  public void setLanguage(String language) {
    this.language = language;
  }

  public String getTimeZone() {
    return timeZone;
  }

  public void setTimeZone(String timeZone) {
    this.timeZone = timeZone == null ? "" : timeZone.strip();
  }
}
