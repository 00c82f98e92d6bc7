package dev.forewarn.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the outreach benchmark knows about each case: when it was opened, when its recipient's first
 * SMS request reached the stand-in, and which requests repeated one already seen. Safe for the case
 * writer and the stand-in's threads at once; times are {@link System#nanoTime()} values.
 */
final class DeliveryLedger {

  /** The case number the SMS text ends with, e.g. {@code Case #42}. */
  private static final Pattern CASE_NUMBER = Pattern.compile("Case #(\\d+)");

  private final Map<String, Long> openedAt = new ConcurrentHashMap<>();
  private final Set<String> measured = ConcurrentHashMap.newKeySet();
  private final Map<String, Long> firstRequestAt = new ConcurrentHashMap<>();
  private final Set<String> seenContent = ConcurrentHashMap.newKeySet();
  private final Set<String> seenCases = ConcurrentHashMap.newKeySet();
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger duplicates = new AtomicInteger();

  /**
   * Notes that the case whose SMS goes to {@code recipient} was opened.
   *
   * @param measured false for warm-up cases, which are left out of the latencies
   */
  void opened(String recipient, long nanos, boolean measured) {
    openedAt.put(recipient, nanos);
    if (measured) {
      this.measured.add(recipient);
    }
  }

  /**
   * Notes one SMS request as it arrived at the provider.
   *
   * @return whether it repeats a request already seen: the same recipient and text, or the same
   *     case number in its text
   */
  boolean requested(String to, String body, long nanos) {
    requests.incrementAndGet();
    firstRequestAt.putIfAbsent(to, nanos);
    boolean newContent = seenContent.add(to + "\n" + body);
    boolean newCase = caseNumber(body).map(seenCases::add).orElse(true);
    boolean duplicate = !newContent || !newCase;
    if (duplicate) {
      duplicates.incrementAndGet();
    }
    return duplicate;
  }

  static Optional<String> caseNumber(String body) {
    Matcher matcher = CASE_NUMBER.matcher(body == null ? "" : body);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  int requests() {
    return requests.get();
  }

  int duplicates() {
    return duplicates.get();
  }

  /** Recipients of an opened case that got at least one request. */
  int delivered() {
    return (int) openedAt.keySet().stream().filter(firstRequestAt::containsKey).count();
  }

  /** Milliseconds from opening to first request, for every measured case delivered so far. */
  double[] latenciesMillis() {
    return measured.stream()
        .filter(firstRequestAt::containsKey)
        .mapToDouble(to -> (firstRequestAt.get(to) - openedAt.get(to)) / 1e6)
        .toArray();
  }

  /**
   * The latencies of measured cases grouped by when they opened, in windows of {@code windowNanos}
   * from the first measured opening; shows whether delays came in stalls or grew.
   */
  SortedMap<Integer, double[]> latenciesByWindow(long windowNanos) {
    long first = firstMeasuredOpening().orElse(0);
    SortedMap<Integer, List<Double>> windows = new TreeMap<>();
    for (String to : measured) {
      Long requested = firstRequestAt.get(to);
      if (requested != null) {
        long opened = openedAt.get(to);
        windows
            .computeIfAbsent((int) ((opened - first) / windowNanos), w -> new ArrayList<>())
            .add((requested - opened) / 1e6);
      }
    }
    SortedMap<Integer, double[]> result = new TreeMap<>();
    windows.forEach(
        (w, values) -> result.put(w, values.stream().mapToDouble(Double::doubleValue).toArray()));
    return result;
  }

  /** The first opening of a measured case. */
  OptionalLong firstMeasuredOpening() {
    return measured.stream().mapToLong(openedAt::get).min();
  }

  /** The latest first request of a measured case. */
  OptionalLong lastMeasuredDelivery() {
    return measured.stream()
        .filter(firstRequestAt::containsKey)
        .mapToLong(firstRequestAt::get)
        .max();
  }
}
