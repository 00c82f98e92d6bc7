package dev.forewarn.outreach.notify;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks phone numbers and email addresses for logs and for stored text, keeping just enough to tell
 * them apart.
 */
public final class Masking {

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

  /** A run of digits with the separators numbers are written with, not part of a longer word. */
  private static final Pattern NUMBER =
      Pattern.compile("(?<![A-Za-z0-9])\\+?\\d[\\d ().-]{5,}\\d(?![A-Za-z0-9])");

  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** Phone numbers have at least this many digits; error codes and versions have fewer. */
  private static final int NUMBER_DIGITS = 7;

  private Masking() {}

  /** {@code +821012345678} becomes {@code +82******5678}. */
  public static String phone(String phone) {
    if (phone == null || phone.length() < 7) {
      return "***";
    }
    int keepStart = 3;
    int keepEnd = 4;
    return phone.substring(0, keepStart)
        + "*".repeat(phone.length() - keepStart - keepEnd)
        + phone.substring(phone.length() - keepEnd);
  }

  /** {@code jane.doe@example.com} becomes {@code j***@example.com}. */
  public static String email(String email) {
    int at = email == null ? -1 : email.lastIndexOf('@');
    if (at < 1) {
      return "***";
    }
    return email.charAt(0) + "***" + email.substring(at);
  }

  /** Masks an address of either kind. */
  public static String address(String address) {
    return address != null && address.contains("@") ? email(address) : phone(address);
  }

  /**
   * Masks every email address and phone number in free text, such as a provider's error message or
   * a mail server's reply, which often repeat the recipient. Dates and short codes stay readable.
   */
  public static String text(String text) {
    if (text == null) {
      return null;
    }
    String addresses =
        EMAIL.matcher(text).replaceAll(m -> Matcher.quoteReplacement(email(m.group())));
    return NUMBER
        .matcher(addresses)
        .replaceAll(
            m -> {
              String found = m.group();
              long digits = found.chars().filter(Character::isDigit).count();
              boolean number = digits >= NUMBER_DIGITS && !DATE.matcher(found).find();
              return Matcher.quoteReplacement(number ? phone(found) : found);
            });
  }
}
