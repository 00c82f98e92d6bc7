package dev.forewarn.ingest.cases;

/**
 * Text as PostgreSQL's {@code text} and {@code jsonb} can store it. PostgreSQL refuses the NUL
 * character (SQLSTATE 22021) and a string that is not valid UTF-8, such as a lone surrogate, and a
 * refused row fails its whole batch, which the writer cannot retry past: the job would restart and
 * meet the same row again. Every string the job writes passes through here, so a payload, a reason
 * quoting it or a name from a device can never be such a row.
 */
public final class StorableText {

  private static final char REPLACEMENT = '\uFFFD';

  private StorableText() {}

  /** The text with NUL characters and unpaired surrogates replaced by U+FFFD; null stays null. */
  public static String of(String text) {
    if (text == null || isStorable(text)) {
      return text;
    }
    StringBuilder clean = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        clean.append(c).append(text.charAt(++i));
      } else if (c == 0 || Character.isSurrogate(c)) {
        clean.append(REPLACEMENT);
      } else {
        clean.append(c);
      }
    }
    return clean.toString();
  }

  private static boolean isStorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 0) {
        return false;
      }
      if (Character.isSurrogate(c)) {
        if (!Character.isHighSurrogate(c)
            || i + 1 == text.length()
            || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      }
    }
    return true;
  }
}
