package dev.forewarn.outreach.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The templates of {@code classpath:templates/{language tag}.properties} (UTF-8). A key is looked
 * up for the rule first ({@code key@compressor-overheat}), then for its family, the part of the
 * rule id before the first {@code -} ({@code key@compressor}), then plain; and in the customer's
 * exact locale ({@code ko-KR}), its language ({@code ko}), then English, so a partial translation
 * still renders.
 */
final class TemplateBundle {

  private final Map<String, Optional<Properties>> files = new ConcurrentHashMap<>();

  /** The template for a key, or empty when no locale in the chain has it. */
  Optional<String> find(String key, String locale, String ruleId) {
    for (Properties file : chain(locale)) {
      for (String candidate : ruleKeys(key, ruleId)) {
        String value = file.getProperty(candidate);
        if (value != null) {
          return Optional.of(value);
        }
      }
    }
    return Optional.empty();
  }

  String get(String key, String locale, String ruleId) {
    return find(key, locale, ruleId)
        .orElseThrow(() -> new IllegalStateException("no template " + key + " in templates/en"));
  }

  private static List<String> ruleKeys(String key, String ruleId) {
    List<String> keys = new ArrayList<>();
    if (ruleId != null) {
      keys.add(key + "@" + ruleId);
      int dash = ruleId.indexOf('-');
      if (dash > 0) {
        keys.add(key + "@" + ruleId.substring(0, dash));
      }
    }
    keys.add(key);
    return keys;
  }

  private List<Properties> chain(String locale) {
    Locale parsed = Locale.forLanguageTag(locale == null ? "en" : locale);
    List<Properties> chain = new ArrayList<>();
    for (String tag : List.of(parsed.toLanguageTag(), parsed.getLanguage(), "en")) {
      file(tag).filter(f -> !chain.contains(f)).ifPresent(chain::add);
    }
    return chain;
  }

  private Optional<Properties> file(String tag) {
    return files.computeIfAbsent(tag, TemplateBundle::load);
  }

  private static Optional<Properties> load(String tag) {
    if (tag.isEmpty() || !tag.matches("[A-Za-z0-9-]+")) {
      return Optional.empty();
    }
    try (InputStream in =
        TemplateBundle.class.getResourceAsStream("/templates/" + tag + ".properties")) {
      if (in == null) {
        return Optional.empty();
      }
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      return Optional.of(properties);
    } catch (IOException e) {
      throw new UncheckedIOException("templates/" + tag + ".properties cannot be read", e);
    }
  }
}
