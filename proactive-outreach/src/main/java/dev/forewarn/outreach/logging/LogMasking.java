package dev.forewarn.outreach.logging;

import dev.forewarn.outreach.notify.Masking;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks what looks like a phone number in E.164 form ({@code +} and 7 to 15 digits) or an email
 * address anywhere in a text, the way {@link Masking} masks one known address: {@code
 * +82******5678}, {@code j***@example.com}.
 */
public final class LogMasking {

  private static final Pattern PHONE_OR_EMAIL =
      Pattern.compile(
          "(?<![\\w+])\\+[1-9][0-9]{6,14}(?![0-9])"
              + "|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+");

  private LogMasking() {}

  public static String mask(String text) {
    if (text == null || (text.indexOf('+') < 0 && text.indexOf('@') < 0)) {
      return text;
    }
    Matcher found = PHONE_OR_EMAIL.matcher(text);
    StringBuilder masked = new StringBuilder(text.length());
    while (found.find()) {
      found.appendReplacement(masked, Matcher.quoteReplacement(Masking.address(found.group())));
    }
    found.appendTail(masked);
    return masked.toString();
  }
}
