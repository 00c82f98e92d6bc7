package dev.forewarn.rules.document;

import dev.forewarn.rules.condition.Condition;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a customer reads about a case of a rule, in their language and with units, instead of the
 * rule's summary (which names metrics and stays for the console): "The compressor is running hot:
 * 86 °C, limit 85 °C". Each text is a sentence with placeholders in braces that name evidence of
 * the rule's condition ({@code {value}}, {@code {level}}, {@code {conditions[1].limit}}); a value
 * of a metric the rule watches is written with that metric's unit. {@link Rule} checks the
 * placeholders and units against its condition, so a typo is refused when the rule is saved, not
 * when a customer would read it.
 *
 * @param text language tag ({@code en}, {@code ko}, {@code ko-KR}) to sentence; English is
 *     required, it is the fallback for every other language
 * @param units metric name to the unit written after its values ({@code °C}, {@code bar}, {@code
 *     %}); a metric without one is written as a bare number
 */
public record CustomerWording(Map<String, String> text, Map<String, String> units) {

  /** The language every wording has, and the fallback for the others. */
  public static final String FALLBACK = "en";

  private static final Pattern TAG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  public CustomerWording {
    RuleChecks.present(text, "text");
    units = units == null ? Map.of() : Map.copyOf(units);
    text = Map.copyOf(text);
    text.forEach(
        (tag, sentence) -> {
          String field = "text." + tag;
          if (!TAG.matcher(tag).matches()) {
            throw new RuleValidationException(
                field, "\"" + tag + "\" is not a language tag such as en, ko or ko-KR");
          }
          RuleChecks.word(sentence, field, "wording");
        });
    if (!text.containsKey(FALLBACK)) {
      throw new RuleValidationException(
          "text." + FALLBACK, "required: English is the fallback for every other language");
    }
    units.forEach((metric, unit) -> RuleChecks.word(unit, "units." + metric, "unit"));
  }

  /**
   * The sentence in a language (its exact tag, then its language, then English) with the
   * placeholders filled from a case's evidence; empty when the evidence lacks a name it uses (a
   * child of an all/any that did not see the reading).
   *
   * @param languageTag the customer's language, e.g. {@code ko-KR}; null means English
   * @param evidence the case's evidence, as the rule's decision wrote it
   * @param condition the rule's condition, which says which evidence is a value of which metric
   */
  public Optional<String> render(
      String languageTag, Map<String, Double> evidence, Condition condition) {
    Map<String, String> metrics = WordingPlaceholders.of(condition);
    Matcher placeholder = PLACEHOLDER.matcher(sentence(languageTag));
    StringBuilder out = new StringBuilder();
    while (placeholder.find()) {
      String name = placeholder.group(1);
      Double value = evidence == null ? null : evidence.get(name);
      if (value == null || !Double.isFinite(value)) {
        return Optional.empty();
      }
      String metric = metrics.get(name);
      String unit = metric == null ? null : units.get(metric);
      placeholder.appendReplacement(out, Matcher.quoteReplacement(withUnit(value, unit)));
    }
    placeholder.appendTail(out);
    return Optional.of(out.toString());
  }

  /** A number as a customer reads it: at most one decimal, then the unit. */
  public static String withUnit(double value, String unit) {
    String number =
        BigDecimal.valueOf(value)
            .setScale(1, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString();
    if (number.equals("-0")) {
      number = "0";
    }
    if (unit == null) {
      return number;
    }
    return unit.equals("%") ? number + unit : number + " " + unit;
  }

  /** Checks every placeholder and unit against the condition; paths relative to the wording. */
  void checkAgainst(Condition condition) {
    Map<String, String> known = WordingPlaceholders.of(condition);
    text.forEach(
        (tag, sentence) -> {
          Matcher placeholder = PLACEHOLDER.matcher(sentence);
          while (placeholder.find()) {
            String name = placeholder.group(1);
            if (!known.containsKey(name)) {
              throw new RuleValidationException(
                  "text." + tag,
                  "{"
                      + name
                      + "} is not evidence of this rule's condition; known: "
                      + String.join(", ", known.keySet()));
            }
          }
        });
    units.keySet().stream()
        .filter(metric -> !known.containsValue(metric))
        .findFirst()
        .ifPresent(
            metric -> {
              throw new RuleValidationException(
                  "units." + metric, "the rule's condition does not watch \"" + metric + "\"");
            });
  }

  private String sentence(String languageTag) {
    if (languageTag != null) {
      Locale locale = Locale.forLanguageTag(languageTag);
      for (String tag : new String[] {locale.toLanguageTag(), locale.getLanguage()}) {
        if (text.containsKey(tag)) {
          return text.get(tag);
        }
      }
    }
    return text.get(FALLBACK);
  }

  /** A wording in English only, with units: for rules built in code. */
  public static CustomerWording english(String sentence, Map<String, String> units) {
    Map<String, String> text = new LinkedHashMap<>();
    text.put(FALLBACK, sentence);
    return new CustomerWording(text, units);
  }
}
