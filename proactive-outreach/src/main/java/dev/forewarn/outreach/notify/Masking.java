package dev.forewarn.outreach.notify;

/** Masks phone numbers and email addresses for logs, keeping just enough to tell them apart. */
public final class Masking {

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
}
