package io.miville.pis.controller;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The knobs of a {@link PisController}; docs/pis.md explains each in context. Build with
 * {@link #builder()}; {@link #DEFAULT} holds the documented defaults.
 *
 * @param queueTimeout        how long a SEEK waits in the queue before it is redirected
 *                            ({@code 300} with Contact of other clusters). Default 30 s: a queued
 *                            SEEK is a non-INVITE transaction, whose client gives up after Timer F
 *                            (64*T1 = 32 s, RFC 3261 §17.1.2.2), so a longer wait would be lost
 * @param queueBound          at most this many SEEKs wait per cluster; more are redirected at once
 *                            (default 100)
 * @param urgentWeight        priority bonus of {@code Urgency: Urgent}, in seconds of waiting (60)
 * @param burstingWeight      priority bonus of {@code Bursting} (180)
 * @param tooLateWeight       priority bonus of {@code Too-Late} (600)
 * @param agingRate           priority gained per second waited (1.0): effective priority =
 *                            urgency weight + seconds waited × aging rate, so a Normal SEEK that
 *                            waited longer than Urgent's weight goes before a fresh Urgent one
 * @param holdTime            how long a {@code 200 Proxy Available} (or a COMET reservation) keeps
 *                            the proxy for the seeker before anyone else may have it (60 s)
 * @param flushDuration       how long a FLUSH takes from {@code 100 INFO} to its final answer (6 s)
 * @param autoFlushDelay      how long after BYE an advanced proxy flushes by itself and announces
 *                            {@code 200 WOOSH} (3 s)
 * @param cleaningDuration    how long a COMET cleaning keeps a proxy closed for cleaning (10 min)
 * @param washDuration        how long a sink stays busy after {@code 200 SINK-Available} (20 s, under the queue time-out)
 * @param shortSession        a session shorter than this was "terminated too soon" (draft §3), and
 *                            opens the grace period for an automatic second session (20 s)
 * @param gracePeriod         how long the same user agent may INVITE the same proxy again, before
 *                            any flush and ahead of the queue (60 s)
 * @param heavySession        a session longer than this leaves residue that takes two flushes: the
 *                            first FLUSH answers {@code 300 Partial Flush} (4 min)
 * @param ewmaWeight          weight of a new sample in the load EWMAs, 0..1 (0.2)
 * @param defaultOccupancy    the mean occupancy assumed before any session was measured (120 s)
 * @param methaneExplosivePpm methane at or above which a flame gives {@code 699 Explosion}
 *                            (5,000 ppm, a tenth of methane's lower explosive limit, as a margin)
 * @param redirectLimit       how many other clusters a redirect names in Contact (3)
 * @param inebriatedUsers     From users that get {@code 575} to AIM (tipsy, drunk, sloshed, lush);
 *                            a {@code Blood-Alcohol} header of 0.08 or more does it too
 * @param cloggingProbability chance that a FLUSH clogs the proxy ({@code 470 Plugged}); 0 by default,
 *                            the simulator raises it
 * @param backupProbability   chance that a FLUSH meets a {@code 666 Backup} (0)
 * @param refluxProbability   chance that a FLUSH meets a {@code 667 Septic Reflux} (0)
 * @param randomSeed          seed of the random draws above, so runs repeat
 * @param clock               wall clock for event time stamps (the lane's ticker measures durations)
 */
public record PisConfig(
    Duration queueTimeout,
    int queueBound,
    double urgentWeight,
    double burstingWeight,
    double tooLateWeight,
    double agingRate,
    Duration holdTime,
    Duration flushDuration,
    Duration autoFlushDelay,
    Duration cleaningDuration,
    Duration washDuration,
    Duration shortSession,
    Duration gracePeriod,
    Duration heavySession,
    double ewmaWeight,
    Duration defaultOccupancy,
    double methaneExplosivePpm,
    int redirectLimit,
    Set<String> inebriatedUsers,
    double cloggingProbability,
    double backupProbability,
    double refluxProbability,
    long randomSeed,
    Clock clock) {

  /** The defaults documented on each component. */
  public static final PisConfig DEFAULT = builder().build();

  public PisConfig {
    Objects.requireNonNull(queueTimeout, "queueTimeout");
    Objects.requireNonNull(holdTime, "holdTime");
    Objects.requireNonNull(flushDuration, "flushDuration");
    Objects.requireNonNull(autoFlushDelay, "autoFlushDelay");
    Objects.requireNonNull(cleaningDuration, "cleaningDuration");
    Objects.requireNonNull(washDuration, "washDuration");
    Objects.requireNonNull(shortSession, "shortSession");
    Objects.requireNonNull(gracePeriod, "gracePeriod");
    Objects.requireNonNull(heavySession, "heavySession");
    Objects.requireNonNull(defaultOccupancy, "defaultOccupancy");
    Objects.requireNonNull(clock, "clock");
    if (queueBound < 0 || redirectLimit < 0) {
      throw new IllegalArgumentException("queueBound and redirectLimit must not be negative");
    }
    if (!(ewmaWeight > 0 && ewmaWeight <= 1)) {
      throw new IllegalArgumentException("ewmaWeight must be in (0, 1]");
    }
    if (agingRate < 0) {
      throw new IllegalArgumentException("agingRate must not be negative");
    }
    inebriatedUsers = Set.copyOf(inebriatedUsers);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.queueTimeout = queueTimeout;
    b.queueBound = queueBound;
    b.urgentWeight = urgentWeight;
    b.burstingWeight = burstingWeight;
    b.tooLateWeight = tooLateWeight;
    b.agingRate = agingRate;
    b.holdTime = holdTime;
    b.flushDuration = flushDuration;
    b.autoFlushDelay = autoFlushDelay;
    b.cleaningDuration = cleaningDuration;
    b.washDuration = washDuration;
    b.shortSession = shortSession;
    b.gracePeriod = gracePeriod;
    b.heavySession = heavySession;
    b.ewmaWeight = ewmaWeight;
    b.defaultOccupancy = defaultOccupancy;
    b.methaneExplosivePpm = methaneExplosivePpm;
    b.redirectLimit = redirectLimit;
    b.inebriatedUsers = inebriatedUsers;
    b.cloggingProbability = cloggingProbability;
    b.backupProbability = backupProbability;
    b.refluxProbability = refluxProbability;
    b.randomSeed = randomSeed;
    b.clock = clock;
    return b;
  }

  /** The priority bonus of an urgency level (0 Normal, 1 Urgent, 2 Bursting, 3 Too-Late). */
  public double urgencyWeight(int level) {
    return switch (level) {
      case 0 -> 0;
      case 1 -> urgentWeight;
      case 2 -> burstingWeight;
      default -> tooLateWeight;
    };
  }

  /** Builds a {@link PisConfig}; every setter has the default of the record's documentation. */
  public static final class Builder {
    private Duration queueTimeout = Duration.ofSeconds(30);
    private int queueBound = 100;
    private double urgentWeight = 60;
    private double burstingWeight = 180;
    private double tooLateWeight = 600;
    private double agingRate = 1.0;
    private Duration holdTime = Duration.ofSeconds(60);
    private Duration flushDuration = Duration.ofSeconds(6);
    private Duration autoFlushDelay = Duration.ofSeconds(3);
    private Duration cleaningDuration = Duration.ofMinutes(10);
    private Duration washDuration = Duration.ofSeconds(20);
    private Duration shortSession = Duration.ofSeconds(20);
    private Duration gracePeriod = Duration.ofSeconds(60);
    private Duration heavySession = Duration.ofMinutes(4);
    private double ewmaWeight = 0.2;
    private Duration defaultOccupancy = Duration.ofSeconds(120);
    private double methaneExplosivePpm = 5_000;
    private int redirectLimit = 3;
    private Set<String> inebriatedUsers = Set.of("tipsy", "drunk", "sloshed", "lush");
    private double cloggingProbability;
    private double backupProbability;
    private double refluxProbability;
    private long randomSeed = 2001_04_01L;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    public Builder queueTimeout(Duration d) { queueTimeout = d; return this; }
    public Builder queueBound(int n) { queueBound = n; return this; }
    public Builder urgentWeight(double w) { urgentWeight = w; return this; }
    public Builder burstingWeight(double w) { burstingWeight = w; return this; }
    public Builder tooLateWeight(double w) { tooLateWeight = w; return this; }
    public Builder agingRate(double r) { agingRate = r; return this; }
    public Builder holdTime(Duration d) { holdTime = d; return this; }
    public Builder flushDuration(Duration d) { flushDuration = d; return this; }
    public Builder autoFlushDelay(Duration d) { autoFlushDelay = d; return this; }
    public Builder cleaningDuration(Duration d) { cleaningDuration = d; return this; }
    public Builder washDuration(Duration d) { washDuration = d; return this; }
    public Builder shortSession(Duration d) { shortSession = d; return this; }
    public Builder gracePeriod(Duration d) { gracePeriod = d; return this; }
    public Builder heavySession(Duration d) { heavySession = d; return this; }
    public Builder ewmaWeight(double w) { ewmaWeight = w; return this; }
    public Builder defaultOccupancy(Duration d) { defaultOccupancy = d; return this; }
    public Builder methaneExplosivePpm(double ppm) { methaneExplosivePpm = ppm; return this; }
    public Builder redirectLimit(int n) { redirectLimit = n; return this; }
    public Builder inebriatedUsers(Set<String> users) { inebriatedUsers = users; return this; }
    public Builder cloggingProbability(double p) { cloggingProbability = p; return this; }
    public Builder backupProbability(double p) { backupProbability = p; return this; }
    public Builder refluxProbability(double p) { refluxProbability = p; return this; }
    public Builder randomSeed(long seed) { randomSeed = seed; return this; }
    public Builder clock(Clock c) { clock = c; return this; }

    public PisConfig build() {
      return new PisConfig(queueTimeout, queueBound, urgentWeight, burstingWeight, tooLateWeight, agingRate,
          holdTime, flushDuration, autoFlushDelay, cleaningDuration, washDuration, shortSession, gracePeriod,
          heavySession, ewmaWeight, defaultOccupancy, methaneExplosivePpm, redirectLimit, inebriatedUsers,
          cloggingProbability, backupProbability, refluxProbability, randomSeed, clock);
    }
  }
}
