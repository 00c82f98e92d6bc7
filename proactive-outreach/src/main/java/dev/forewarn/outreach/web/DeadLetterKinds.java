package dev.forewarn.outreach.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kind of a dead letter's reason: the field or cause it starts with ({@code ts}, {@code seq},
 * {@code metrics}, {@code $} for the message as a whole, {@code late}, {@code rule}), a small set
 * that metrics can label by and filters can name; {@code other} for a reason that starts otherwise.
 */
public final class DeadLetterKinds {

  /** The same rule in SQL, for grouping and filtering in the database. */
  public static final String SQL =
      "COALESCE(substring(reason from '^([A-Za-z_$]{1,32})'), 'other')";

  private static final Pattern KIND = Pattern.compile("^([A-Za-z_$]{1,32})");

  private DeadLetterKinds() {}

  public static String of(String reason) {
    Matcher kind = KIND.matcher(reason == null ? "" : reason);
    return kind.find() ? kind.group(1) : "other";
  }
}
