package dev.forewarn.outreach.templates;

/**
 * How many SMS segments a text costs. Texts made only of GSM 03.38 characters travel as GSM-7 (160
 * characters in one segment, 153 per segment when split; extension characters such as {@code €}
 * count twice); anything else, Korean for example, travels as UCS-2 (70, or 67 per segment, counted
 * in UTF-16 units).
 */
public final class SmsSegments {

  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
  private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

  private SmsSegments() {}

  /** Whether the text can travel as GSM-7. */
  public static boolean isGsm7(String text) {
    return text.chars().allMatch(c -> GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0);
  }

  /** Septets for GSM-7, UTF-16 units for UCS-2. */
  public static int units(String text) {
    if (!isGsm7(text)) {
      return text.length();
    }
    return text.chars().map(c -> GSM_EXTENSION.indexOf(c) >= 0 ? 2 : 1).sum();
  }

  /** Segments the text is split into; 1 for an empty text. */
  public static int count(String text) {
    boolean gsm = isGsm7(text);
    int units = units(text);
    int single = gsm ? 160 : 70;
    int multi = gsm ? 153 : 67;
    return units <= single ? 1 : (units + multi - 1) / multi;
  }
}
