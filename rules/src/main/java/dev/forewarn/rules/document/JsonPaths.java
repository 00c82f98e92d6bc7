package dev.forewarn.rules.document;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.StreamReadException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Field paths in the form the error messages use ({@code metrics.compressor_temp_c}, {@code
 * scope.models[1]}, {@code $} for the document itself), and a human wording of Jackson's syntax
 * errors.
 */
public final class JsonPaths {

  public static final String ROOT = "$";

  private static final Pattern NON_NUMERIC = Pattern.compile("Non-standard token '([^']*)'");
  // Jackson's pointer to the start marker names the (redacted) source: noise for people.
  private static final Pattern SOURCE =
      Pattern.compile(" \\(start marker at \\[Source:[^\\]]*\\]\\)");

  private JsonPaths() {}

  public static String child(String parent, String name) {
    return parent.isEmpty() || ROOT.equals(parent) ? name : parent + "." + name;
  }

  public static String element(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** Where a streaming parser was when it failed. */
  public static String of(JsonProcessingException e) {
    if (e instanceof StreamReadException read && read.getProcessor() != null) {
      return of(read.getProcessor());
    }
    return ROOT;
  }

  public static String of(JsonParser parser) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext ctx = parser.getParsingContext(); ctx != null; ctx = ctx.getParent()) {
      if (ctx.inArray() && ctx.getCurrentIndex() >= 0) {
        parts.push("[" + ctx.getCurrentIndex() + "]");
      } else if (ctx.inObject() && ctx.getCurrentName() != null) {
        parts.push("." + ctx.getCurrentName());
      }
    }
    String path = String.join("", parts);
    return path.isEmpty() ? ROOT : path.startsWith(".") ? path.substring(1) : path;
  }

  /**
   * The token, when the error is a non-numeric number such as {@code NaN} or {@code -Infinity}:
   * JSON has no such numbers and the parser is kept strict, so it fails on them as syntax.
   */
  public static Optional<String> nonNumericToken(JsonProcessingException e) {
    Matcher token = NON_NUMERIC.matcher(e.getOriginalMessage());
    return token.find() ? Optional.of(token.group(1)) : Optional.empty();
  }

  /** Jackson's own description of a syntax error, with where it happened. */
  public static String syntaxError(JsonProcessingException e) {
    String message = e.getOriginalMessage();
    if (message.startsWith("Trailing token")) {
      return "unexpected content after the JSON object";
    }
    message = SOURCE.matcher(message).replaceAll("");
    if (e.getLocation() != null && e.getLocation().getLineNr() > 0) {
      message +=
          " (line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ")";
    }
    return "not valid JSON: " + message;
  }
}
