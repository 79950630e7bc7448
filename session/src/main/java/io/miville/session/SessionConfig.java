package io.miville.session;

import io.miville.codec.header.MediaType;
import io.miville.codec.uri.SipUri;
import io.miville.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * How a {@link SessionManager} behaves: where peers reach us (Contact), what bodies we take,
 * and every time bound of a session. Immutable; made with {@link #builder()}.
 *
 * <table>
 *   <caption>Time bounds</caption>
 *   <tr><th>setting</th><th>default</th><th>what it bounds</th></tr>
 *   <tr><td>{@link #inviteTimeout()}</td><td>32 s (Timer B)</td><td>a call with no response at all ends TIMEOUT</td></tr>
 *   <tr><td>{@link #ringTimeout()}</td><td>120 s</td><td>a call answered by nothing but provisional responses: the caller cancels, the callee answers 480</td></tr>
 *   <tr><td>{@link #reofferTimeout()}</td><td>30 s</td><td>the agent's time to answer a re-offer (then 500); the offerer waits twice that</td></tr>
 *   <tr><td>{@link #keepAliveInterval()}</td><td>30 s</td><td>silence after which an established session sends OPTIONS in the dialog (zero: never)</td></tr>
 *   <tr><td>{@link #keepAliveTimeout()}</td><td>10 s</td><td>how long that OPTIONS may go unanswered before the peer counts as vanished</td></tr>
 * </table>
 *
 * <p>A session whose peer vanished is therefore torn down within {@code keepAliveInterval +
 * keepAliveTimeout} of the last message heard from it (or sooner, at Timer F, if that is shorter).
 *
 * @param contacts our Contact URI per transport (RFC 3261 §8.1.1.8): where the peer sends requests in the dialog
 * @param acceptedTypes the body types we take in offers, answers and INFO; empty: any (else 415 with Accept, §21.4.16)
 * @param infoPackages the Info Packages we receive (RFC 6086 §5.2.2, sent as Recv-Info)
 * @param legacyInfo whether INFO without Info-Package (RFC 6086 legacy usage) is taken
 * @param inviteTimeout see the table
 * @param ringTimeout see the table
 * @param reofferTimeout see the table
 * @param keepAliveInterval see the table
 * @param keepAliveTimeout see the table
 * @param maxSessions sessions alive at once; more INVITEs get 486 Busy Here
 * @param maxGlareRetries how many times a re-offer refused with 491 is retried (RFC 3261 §14.1)
 * @param random where the randomized delays come from (§14.1, §14.2); injectable for tests
 * @param userAgent the User-Agent / Server header value, or empty for none
 */
public record SessionConfig(
    Map<Transport, SipUri> contacts,
    List<MediaType> acceptedTypes,
    List<String> infoPackages,
    boolean legacyInfo,
    Duration inviteTimeout,
    Duration ringTimeout,
    Duration reofferTimeout,
    Duration keepAliveInterval,
    Duration keepAliveTimeout,
    int maxSessions,
    int maxGlareRetries,
    RandomGenerator random,
    Optional<String> userAgent) {

  public SessionConfig {
    contacts = Map.copyOf(contacts);
    if (contacts.isEmpty()) {
      throw new IllegalArgumentException("at least one Contact is needed");
    }
    acceptedTypes = List.copyOf(acceptedTypes);
    infoPackages = List.copyOf(infoPackages);
    infoPackages.forEach(Info::requireToken);
    requirePositive(inviteTimeout, "inviteTimeout");
    requirePositive(ringTimeout, "ringTimeout");
    requirePositive(reofferTimeout, "reofferTimeout");
    Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
    if (keepAliveInterval.isNegative()) {
      throw new IllegalArgumentException("keepAliveInterval must not be negative");
    }
    requirePositive(keepAliveTimeout, "keepAliveTimeout");
    if (maxSessions < 1 || maxGlareRetries < 0) {
      throw new IllegalArgumentException("maxSessions >= 1 and maxGlareRetries >= 0");
    }
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(userAgent, "userAgent");
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The Contact for {@code transport}, or the first one configured. */
  SipUri contactFor(Transport transport) {
    SipUri c = contacts.get(transport);
    if (c != null) {
      return c;
    }
    return contacts.values().iterator().next();
  }

  /** True if a body of {@code type} is taken. */
  boolean accepts(MediaType type) {
    return acceptedTypes.isEmpty() || acceptedTypes.stream().anyMatch(t -> t.matches(type));
  }

  /** Builds a {@link SessionConfig}; every setting but the contact has a default. */
  public static final class Builder {
    private final Map<Transport, SipUri> contacts = new EnumMap<>(Transport.class);
    private final List<MediaType> acceptedTypes = new ArrayList<>();
    private final List<String> infoPackages = new ArrayList<>();
    private boolean legacyInfo = true;
    private Duration inviteTimeout = Duration.ofSeconds(32);
    private Duration ringTimeout = Duration.ofSeconds(120);
    private Duration reofferTimeout = Duration.ofSeconds(30);
    private Duration keepAliveInterval = Duration.ofSeconds(30);
    private Duration keepAliveTimeout = Duration.ofSeconds(10);
    private int maxSessions = 1000;
    private int maxGlareRetries = 5;
    private RandomGenerator random = SharedRandom.INSTANCE;
    private Optional<String> userAgent = Optional.of("Miville");

    private Builder() {}

    /** Our Contact when talking over {@code transport}. */
    public Builder contact(Transport transport, SipUri contact) {
      contacts.put(Objects.requireNonNull(transport), Objects.requireNonNull(contact));
      return this;
    }

    /** A body type we take (call once per type); none set: any type. */
    public Builder accept(MediaType type) {
      acceptedTypes.add(Objects.requireNonNull(type));
      return this;
    }

    /** An Info Package we receive (RFC 6086). */
    public Builder infoPackage(String name) {
      infoPackages.add(Objects.requireNonNull(name));
      return this;
    }

    public Builder legacyInfo(boolean accept) {
      this.legacyInfo = accept;
      return this;
    }

    public Builder inviteTimeout(Duration d) {
      this.inviteTimeout = d;
      return this;
    }

    public Builder ringTimeout(Duration d) {
      this.ringTimeout = d;
      return this;
    }

    public Builder reofferTimeout(Duration d) {
      this.reofferTimeout = d;
      return this;
    }

    /** Zero turns liveness checks off. */
    public Builder keepAliveInterval(Duration d) {
      this.keepAliveInterval = d;
      return this;
    }

    public Builder keepAliveTimeout(Duration d) {
      this.keepAliveTimeout = d;
      return this;
    }

    public Builder maxSessions(int max) {
      this.maxSessions = max;
      return this;
    }

    public Builder maxGlareRetries(int max) {
      this.maxGlareRetries = max;
      return this;
    }

    /**
     * The source of randomized delays. It is used from every lane: pass a thread-safe one, or a
     * seeded one in single-threaded tests (ManualTime).
     */
    public Builder random(RandomGenerator random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    /** The User-Agent (requests) and Server (responses) value; empty for none. */
    public Builder userAgent(String value) {
      this.userAgent = value.isBlank() ? Optional.empty() : Optional.of(value);
      return this;
    }

    public SessionConfig build() {
      return new SessionConfig(contacts, acceptedTypes, infoPackages, legacyInfo, inviteTimeout, ringTimeout,
          reofferTimeout, keepAliveInterval, keepAliveTimeout, maxSessions, maxGlareRetries, random, userAgent);
    }
  }

  /** The default random source: ThreadLocalRandom, safe on every lane. */
  private enum SharedRandom implements RandomGenerator {
    INSTANCE;

    @Override
    public long nextLong() {
      return ThreadLocalRandom.current().nextLong();
    }
  }
}
