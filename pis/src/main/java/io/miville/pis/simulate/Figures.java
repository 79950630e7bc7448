package io.miville.pis.simulate;

import io.miville.codec.pis.Urgency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a {@link Simulation} measured, at one instant: visits and how they ended, waits for a proxy
 * per urgency class, queue lengths, utilisation and every response by method and code. Immutable.
 *
 * @param elapsed        since the run started
 * @param visitsStarted  visits begun (one SEEK each)
 * @param visitsServed   visits that got a proxy, used it and ended with BYE (then FLUSH and WASH)
 * @param visitsTurnedAway visits whose SEEK got no proxy (300, 301, 408, ...)
 * @param visitsRefused  visits that got a proxy but whose INVITE was refused
 * @param visitsInProgress visits not finished yet
 * @param waits          per urgency: the waits (SEEK sent to its 200) of visits that got a proxy
 * @param queuedNow      user agents that got {@code 110 Queued} and wait for the final answer
 * @param queuedMax      the most waiting at once
 * @param meanQueued     time average of the number waiting
 * @param inSessionNow   sessions up now (INVITE answered, BYE not yet)
 * @param utilisation    time average of sessions up over the capacity of the clusters visited, 0..1
 * @param requestsSent   requests sent
 * @param finalsReceived final responses received (including local 408/503)
 * @param answers        every response received, by method then status code
 * @param sensorEvents   sensor PUBLISHes sent
 */
public record Figures(Duration elapsed, long visitsStarted, long visitsServed, long visitsTurnedAway, long visitsRefused,
    long visitsInProgress, Map<Urgency, List<Duration>> waits, int queuedNow, int queuedMax, double meanQueued,
    int inSessionNow, double utilisation, long requestsSent, long finalsReceived, Map<String, Map<Integer, Long>> answers,
    long sensorEvents) {

  public Figures {
    Map<Urgency, List<Duration>> w = new TreeMap<>();
    waits.forEach((u, l) -> w.put(u, List.copyOf(l)));
    waits = Collections.unmodifiableMap(w);
    Map<String, Map<Integer, Long>> a = new TreeMap<>();
    answers.forEach((m, c) -> a.put(m, Collections.unmodifiableMap(new TreeMap<>(c))));
    answers = Collections.unmodifiableMap(a);
  }

  /** Final responses by status code, all methods together. */
  public Map<Integer, Long> answersByCode() {
    Map<Integer, Long> m = new TreeMap<>();
    answers.values().forEach(c -> c.forEach((code, n) -> m.merge(code, n, Long::sum)));
    return m;
  }

  /** The {@code q}-quantile (0..1) of {@code waits}, nearest rank. */
  public static Duration quantile(List<Duration> waits, double q) {
    if (waits.isEmpty()) {
      return Duration.ZERO;
    }
    long[] nanos = waits.stream().mapToLong(Duration::toNanos).toArray();
    Arrays.sort(nanos);
    int rank = (int) Math.ceil(q * nanos.length);
    return Duration.ofNanos(nanos[Math.max(0, Math.min(nanos.length - 1, rank - 1))]);
  }

  /** One line, for the live report every few seconds. */
  public String liveLine() {
    return String.format(Locale.ROOT,
        "[%6.1f s] visits %d started, %d served, %d turned away, %d refused, %d in progress; queued %d (max %d);"
            + " in session %d; utilisation %.0f%%; requests %d",
        elapsed.toMillis() / 1000.0, visitsStarted, visitsServed, visitsTurnedAway, visitsRefused, visitsInProgress,
        queuedNow, queuedMax, inSessionNow, utilisation * 100, requestsSent);
  }

  /** The final report, several lines. */
  public List<String> report() {
    List<String> lines = new ArrayList<>();
    lines.add(String.format(Locale.ROOT, "ran %.1f s: %d visits started: %d served, %d turned away, %d refused,"
        + " %d unfinished", elapsed.toMillis() / 1000.0, visitsStarted, visitsServed, visitsTurnedAway, visitsRefused,
        visitsInProgress));
    lines.add("waits for a proxy (SEEK to 200), per urgency:");
    for (Map.Entry<Urgency, List<Duration>> e : waits.entrySet()) {
      List<Duration> l = e.getValue();
      lines.add(String.format(Locale.ROOT, "  %-9s n=%-5d p50 %8.1f ms  p95 %8.1f ms  max %8.1f ms", e.getKey().name(),
          l.size(), ms(quantile(l, 0.50)), ms(quantile(l, 0.95)), ms(quantile(l, 1.0))));
    }
    lines.add(String.format(Locale.ROOT, "queue: mean %.2f waiting, max %d; utilisation %.1f%%", meanQueued, queuedMax,
        utilisation * 100));
    lines.add("requests: " + requestsSent + " sent, " + finalsReceived + " answered; sensor events: " + sensorEvents);
    lines.add("answers by code (provisional and final):");
    answers.forEach((method, codes) -> {
      StringBuilder b = new StringBuilder("  ").append(method).append(':');
      codes.forEach((code, n) -> b.append(' ').append(code).append(" x").append(n));
      lines.add(b.toString());
    });
    return lines;
  }

  private static double ms(Duration d) {
    return d.toNanos() / 1e6;
  }
}
