package dev.forewarn.outreach.webhooks;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What an inbound SMS asks for, read from its first word. */
enum Command {
  BOOK,
  SNOOZE,
  ACK,
  STOP,
  START,
  HELP,
  DIGIT,
  UNKNOWN;

  private static final Set<String> STOP_WORDS =
      Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");
  private static final Set<String> START_WORDS = Set.of("START", "UNSTOP", "SUBSCRIBE");
  private static final Map<String, Command> WORDS =
      Map.of(
          "YES", BOOK, "Y", BOOK, "예", BOOK, "ACK", ACK, "OK", ACK, "확인", ACK, "HELP", HELP, "INFO",
          HELP, "도움말", HELP);

  /** Reads a reply; digits 1-5 are returned as {@link #DIGIT}, the caller decides their meaning. */
  static Command of(String body) {
    String word = normalised(body);
    if (STOP_WORDS.contains(word)) {
      return STOP;
    }
    if (START_WORDS.contains(word)) {
      return START;
    }
    if (word.matches("[1-5]")) {
      return DIGIT;
    }
    return WORDS.getOrDefault(word, UNKNOWN);
  }

  static String normalised(String body) {
    String trimmed = body == null ? "" : body.strip();
    String first = trimmed.split("\\s+", 2)[0];
    return first.replaceAll("[.!?,]+$", "").toUpperCase(Locale.ROOT);
  }
}
