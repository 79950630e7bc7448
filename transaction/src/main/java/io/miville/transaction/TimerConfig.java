package io.miville.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The base timers of RFC 3261 §17.1.1.1 and Table 4, from which every transaction timer is
 * derived:
 *
 * <table>
 *   <caption>Transaction timers</caption>
 *   <tr><th>timer</th><th>value</th><th>meaning</th></tr>
 *   <tr><td>A, E, G</td><td>T1, doubling (E and G capped at T2; A not capped)</td><td>request / response retransmission</td></tr>
 *   <tr><td>B, F, H, J</td><td>64*T1 (J: 0 on reliable transports)</td><td>transaction timeout / wait for retransmissions</td></tr>
 *   <tr><td>D</td><td>{@link #timerD()} (32 s) on UDP, 0 on reliable transports</td><td>wait for response retransmissions</td></tr>
 *   <tr><td>I, K</td><td>T4 on UDP, 0 on reliable transports</td><td>wait for ACK / response retransmissions</td></tr>
 *   <tr><td>L, M</td><td>64*T1 (RFC 6026 §8.7)</td><td>Accepted state: wait for 2xx and INVITE retransmissions</td></tr>
 * </table>
 *
 * @param t1 the round-trip estimate, 500 ms by default
 * @param t2 the longest interval between non-INVITE request and INVITE response retransmissions, 4 s
 * @param t4 how long a message may stay in the network, 5 s
 * @param timerD how long an INVITE client transaction absorbs final response retransmissions on
 *     an unreliable transport, 32 s (RFC 3261 §17.1.1.2 asks for at least 32 s)
 */
public record TimerConfig(Duration t1, Duration t2, Duration t4, Duration timerD) {

  /** The values RFC 3261 recommends: T1 500 ms, T2 4 s, T4 5 s, D 32 s. */
  public static final TimerConfig DEFAULT =
      new TimerConfig(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(32));

  public TimerConfig {
    Objects.requireNonNull(t1, "t1");
    Objects.requireNonNull(t2, "t2");
    Objects.requireNonNull(t4, "t4");
    Objects.requireNonNull(timerD, "timerD");
    if (t1.isNegative() || t1.isZero() || t2.compareTo(t1) < 0 || t4.isNegative() || timerD.isNegative()) {
      throw new IllegalArgumentException("timers must be positive, with T2 >= T1");
    }
  }

  /** T1, T2 and T4 as given, Timer D at 32 s. */
  public static TimerConfig of(Duration t1, Duration t2, Duration t4) {
    return new TimerConfig(t1, t2, t4, DEFAULT.timerD);
  }

  /** 64*T1: Timers B, F, H, J (on UDP), L and M. */
  public Duration timeout() {
    return t1.multipliedBy(64);
  }

  long t1Nanos() {
    return t1.toNanos();
  }

  long t2Nanos() {
    return t2.toNanos();
  }

  long t4Nanos() {
    return t4.toNanos();
  }

  long timeoutNanos() {
    return t1.toNanos() * 64;
  }

  long timerDNanos() {
    return timerD.toNanos();
  }
}
