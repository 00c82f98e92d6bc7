package dev.forewarn.outreach.web;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;

/**
 * Says in a caller's words why a JSON request body could not be read: which field (a dotted path,
 * {@code contactPoints[0].kind}) and what is wrong with it, or where the text stops being JSON.
 * Never echoes Java class names.
 */
public final class JsonProblems {

  private static final Pattern MAX_DEPTH = Pattern.compile("maximum allowed \\((\\d+)");
  private static final Pattern TOKEN =
      Pattern.compile("token `JsonToken\\.([A-Z_]+)`|Unexpected token \\(([A-Z_]+)\\)");

  private JsonProblems() {}

  static ApiError describe(HttpMessageNotReadableException e) {
    // Jackson wraps a parser's failure inside an object in a mapping exception that knows the
    // field, so the parser's own exception is looked for along the whole chain.
    String mappedPath = "";
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof JsonMappingException mapping && mappedPath.isEmpty()) {
        mappedPath = path(mapping);
      }
      if (t instanceof StreamConstraintsException limit) {
        return new ApiError(null, parserLimit(limit));
      }
      if (t instanceof JsonParseException syntax) {
        String path = mappedPath.isEmpty() ? contextPath(syntax) : mappedPath;
        return new ApiError(
            path.isEmpty() ? null : path,
            "the body is not valid JSON: "
                + firstSentence(syntax.getOriginalMessage())
                + at(syntax.getLocation()));
      }
    }
    Throwable cause = e.getCause();
    if (cause instanceof JsonMappingException mapping) {
      String path = path(mapping);
      return new ApiError(path.isEmpty() ? null : path, mismatch(mapping, path.isEmpty()));
    }
    if (cause instanceof JsonProcessingException other) {
      return new ApiError(
          null, "the body is not valid JSON: " + firstSentence(other.getOriginalMessage()));
    }
    if (e.getMessage() != null && e.getMessage().startsWith("Required request body is missing")) {
      return new ApiError(null, "the request needs a JSON body");
    }
    return new ApiError(null, "the body is not valid JSON for this request");
  }

  /**
   * A parser limit in words, e.g. "the JSON nests deeper than the limit of 100 levels (line 1,
   * column 101)", for any endpoint that parses JSON itself.
   */
  public static String parserLimit(StreamConstraintsException limit) {
    String message = limit.getOriginalMessage();
    Matcher max = MAX_DEPTH.matcher(message);
    String problem =
        message.contains("nesting depth") && max.find()
            ? "the JSON nests deeper than the limit of " + max.group(1) + " levels"
            : "the JSON exceeds a parser limit: " + firstSentence(message);
    return problem + at(limit.getLocation());
  }

  private static String mismatch(JsonMappingException mapping, boolean atRoot) {
    if (mapping instanceof InvalidFormatException format) {
      return "cannot read '" + format.getValue() + "'";
    }
    if (mapping instanceof MismatchedInputException mismatched) {
      String expected =
          mismatched.getTargetType() == null ? null : expected(mismatched.getTargetType());
      String got = token(mismatched).map(JsonProblems::got).orElse(null);
      if (expected != null && got != null) {
        return (atRoot ? "the body must be " : "must be ") + expected + ", not " + got;
      }
      if (got != null) {
        return (atRoot ? "the body cannot be " : "cannot be ") + got;
      }
    }
    if (mapping.getCause() instanceof InputCoercionException range) {
      String expected = range.getTargetType() == null ? null : expected(range.getTargetType());
      return "is out of range" + (expected == null ? "" : " for " + expected);
    }
    if (mapping instanceof ValueInstantiationException
        && mapping.getCause() != null
        && mapping.getCause().getMessage() != null) {
      return firstSentence(mapping.getCause().getMessage());
    }
    // Jackson's own wording names Java types in backticks; callers know the field, not the class.
    String message = firstSentence(mapping.getOriginalMessage());
    return message.contains("`") || message.contains("java.") ? "cannot be read as given" : message;
  }

  /** The token the parser found instead; its message names it when the parser has moved on. */
  private static Optional<JsonToken> token(MismatchedInputException e) {
    Matcher named = TOKEN.matcher(String.valueOf(e.getOriginalMessage()));
    if (named.find()) {
      try {
        String name = named.group(1) != null ? named.group(1) : named.group(2);
        return Optional.of(JsonToken.valueOf(name));
      } catch (IllegalArgumentException unknown) {
        return Optional.empty();
      }
    }
    return e.getProcessor() instanceof JsonParser parser
        ? Optional.ofNullable(parser.currentToken())
        : Optional.empty();
  }

  private static String expected(Class<?> type) {
    if (type == String.class || type == Character.class || type == char.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Integer.class
        || type == int.class
        || type == Long.class
        || type == long.class
        || type == Short.class
        || type == short.class) {
      return "a whole number";
    }
    if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
      return "a number";
    }
    if (type.isArray() || Collection.class.isAssignableFrom(type)) {
      return "a list";
    }
    if (type.isRecord() || Map.class.isAssignableFrom(type)) {
      return "an object";
    }
    return null;
  }

  private static String got(JsonToken token) {
    return switch (token) {
      case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
      case START_ARRAY, END_ARRAY -> "a list";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "true or false";
      case VALUE_NULL -> "null";
      default -> null;
    };
  }

  private static String path(JsonMappingException mapping) {
    return mapping.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  /** Where the parser was when the text broke off, e.g. {@code name} inside an object. */
  private static String contextPath(JsonParseException syntax) {
    JsonParser parser = syntax.getProcessor();
    if (parser == null || parser.getParsingContext() == null) {
      return "";
    }
    String pointer = parser.getParsingContext().pathAsPointer().toString();
    if (pointer.isEmpty()) {
      return "";
    }
    StringBuilder path = new StringBuilder();
    for (String segment : pointer.substring(1).split("/", -1)) {
      String name = segment.replace("~1", "/").replace("~0", "~");
      if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
        path.append('[').append(name).append(']');
      } else {
        path.append(path.isEmpty() ? "" : ".").append(name);
      }
    }
    return path.toString();
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  private static String firstSentence(String message) {
    if (message == null) {
      return "unreadable";
    }
    String text = message;
    for (String cut : new String[] {"\n", " (start marker at", " at [Source"}) {
      int i = text.indexOf(cut);
      if (i >= 0) {
        text = text.substring(0, i);
      }
    }
    return text.strip();
  }
}
