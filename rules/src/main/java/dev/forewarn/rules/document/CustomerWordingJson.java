package dev.forewarn.rules.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON form of a {@link CustomerWording}: {@code {"text": {"en": …, "ko": …}, "units":
 * {"compressor_temp_c": "°C"}}}.
 */
final class CustomerWordingJson {

  private static final List<String> FIELDS = List.of("text", "units");

  private CustomerWordingJson() {}

  /** The wording object, or null when the document has none. */
  static CustomerWording read(JsonFields wording) {
    if (wording == null) {
      return null;
    }
    wording.refuseUnknown(FIELDS);
    if (!wording.has("text")) {
      throw new RuleValidationException(wording.at("text"), "required");
    }
    Map<String, String> text = wording.stringMap("text", "wording");
    Map<String, String> units = wording.stringMap("units", "unit");
    try {
      return new CustomerWording(text, units);
    } catch (RuleValidationException e) {
      throw e.under(wording.path());
    }
  }

  /** Writes both maps sorted, so that the same wording always reads the same. */
  static void write(CustomerWording wording, ObjectNode node) {
    ObjectNode text = node.putObject("text");
    new TreeMap<>(wording.text()).forEach(text::put);
    ObjectNode units = node.putObject("units");
    new TreeMap<>(wording.units()).forEach(units::put);
  }
}
