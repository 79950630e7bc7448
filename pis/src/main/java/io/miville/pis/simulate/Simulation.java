package io.miville.pis.simulate;

import io.miville.codec.SipMethod;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.PisHeaders;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.pis.Urgency;
import io.miville.codec.uri.Uri;
import io.miville.pis.client.Exchange;
import io.miville.pis.client.PisClient;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.ProxySpec;
import io.miville.pis.site.Site;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Drives a PIS controller the way a crowd would (draft-pis-00 §2): {@code users} user agents,
 * each visiting again after an exponentially distributed interval (so that visits arrive as a
 * Poisson process), with an urgency mix; a visit is SEEK → AIM (Normal urgency only, §2.1) →
 * INVITE → ACK → hold → BYE → FLUSH → WASH, with hold times by proxy type. Sensors meanwhile
 * report paper running out and clogs by PUBLISH. All simulated durations are divided by
 * {@code speed}, so a day at the airport fits in a minute.
 *
 * <p>Threading: all the simulation's state lives on one scheduler thread; responses, which
 * complete on transaction lanes, hop to it.
 */
public final class Simulation {
  /** Mean simulated time from a sensor's report to maintenance servicing the proxy. */
  private static final Duration MEAN_REPAIR = Duration.ofMinutes(5);

  /**
   * What to simulate.
   *
   * @param users           user agents
   * @param duration        how long new visits start (wall clock)
   * @param seed            the random seed: the same seed draws the same users, urgencies, clusters and times
   * @param speed           simulated seconds per wall-clock second
   * @param meanInterval    mean simulated time between one user's visits
   * @param urgencyMix      share of each urgency (need not sum to 1)
   * @param sensorEventsPerMinute sensor PUBLISHes per simulated minute, over the whole site
   * @param reportEvery     wall-clock interval of the live line (zero: none)
   * @param drain           how long to let visits in progress finish after {@code duration}
   * @param washShare       share of visits that end with WASH
   */
  public record Settings(int users, Duration duration, long seed, double speed, Duration meanInterval,
      Map<Urgency, Double> urgencyMix, double sensorEventsPerMinute, Duration reportEvery, Duration drain,
      double washShare) {
    public Settings {
      if (users < 1) {
        throw new IllegalArgumentException("users must be at least 1");
      }
      if (speed <= 0) {
        throw new IllegalArgumentException("speed must be positive");
      }
      urgencyMix = Map.copyOf(urgencyMix);
      Objects.requireNonNull(duration, "duration");
    }

    /** The defaults: 70% Normal, 20% Urgent, 8% Bursting, 2% Too-Late; a visit per user every 15 min; speed 60. */
    public static Settings of(int users, Duration duration, long seed) {
      Map<Urgency, Double> mix = new LinkedHashMap<>();
      mix.put(Urgency.NORMAL, 0.70);
      mix.put(Urgency.URGENT, 0.20);
      mix.put(Urgency.BURSTING, 0.08);
      mix.put(Urgency.TOO_LATE, 0.02);
      return new Settings(users, duration, seed, 60, Duration.ofMinutes(15), mix, 2, Duration.ofSeconds(5),
          Duration.ofSeconds(30), 0.8);
    }

    public Settings withSpeed(double s) {
      return new Settings(users, duration, seed, s, meanInterval, urgencyMix, sensorEventsPerMinute, reportEvery, drain,
          washShare);
    }

    public Settings withMeanInterval(Duration d) {
      return new Settings(users, duration, seed, speed, d, urgencyMix, sensorEventsPerMinute, reportEvery, drain,
          washShare);
    }

    public Settings withReportEvery(Duration d) {
      return new Settings(users, duration, seed, speed, meanInterval, urgencyMix, sensorEventsPerMinute, d, drain,
          washShare);
    }

    public Settings withDrain(Duration d) {
      return new Settings(users, duration, seed, speed, meanInterval, urgencyMix, sensorEventsPerMinute, reportEvery, d,
          washShare);
    }

    public Settings withSensorEventsPerMinute(double rate) {
      return new Settings(users, duration, seed, speed, meanInterval, urgencyMix, rate, reportEvery, drain, washShare);
    }
  }

  private final PisClient client;
  private final Site site;
  private final Settings settings;
  private final Consumer<String> out;
  private final SplittableRandom random;
  private final ScheduledExecutorService sim;
  private final List<Cluster> clusters;
  private final List<ProxySpec> proxies = new ArrayList<>();

  // state, owned by the sim thread
  private final Map<Urgency, List<Duration>> waits = new LinkedHashMap<>();
  private final Map<String, Map<Integer, Long>> answers = new HashMap<>();
  private final Map<String, Cluster> visitedClusters = new LinkedHashMap<>();
  private long visitsStarted;
  private long visitsServed;
  private long visitsTurnedAway;
  private long visitsRefused;
  private long requestsSent;
  private long finalsReceived;
  private long sensorEvents;
  private int queuedNow;
  private int queuedMax;
  private int inSession;
  private int inProgress;
  private long startNanos;
  private long lastChangeNanos;
  private double queuedIntegral; // waiting user agents x seconds
  private double sessionIntegral; // sessions x seconds
  private boolean stopping;
  private final CountDownLatch finished = new CountDownLatch(1);

  private Simulation(PisClient client, Site site, Settings settings, Consumer<String> out) {
    this.client = client;
    this.site = site;
    this.settings = settings;
    this.out = out;
    this.random = new SplittableRandom(settings.seed());
    this.sim = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pis-simulate");
      t.setDaemon(true);
      return t;
    });
    this.clusters = site.clusters().stream().filter(c -> !c.proxies().isEmpty()).toList();
    if (clusters.isEmpty()) {
      throw new IllegalArgumentException("the site has no proxies: " + site.name());
    }
    clusters.forEach(c -> proxies.addAll(c.proxies()));
    Urgency.knownValues().forEach(u -> waits.put(u, new ArrayList<>()));
  }

  /**
   * A simulation of {@code site}'s user agents against the controller {@code client} talks to;
   * live lines and the final report go to {@code out}.
   */
  public static Simulation create(PisClient client, Site site, Settings settings, Consumer<String> out) {
    return new Simulation(client, site, settings, out);
  }

  /** Runs the whole simulation and returns the final figures; blocks the caller until then. */
  public Figures run() throws InterruptedException {
    sim.execute(this::begin);
    long bound = settings.duration().plus(settings.drain()).plusSeconds(5).toMillis();
    boolean done = finished.await(bound, TimeUnit.MILLISECONDS);
    Figures f;
    try {
      f = sim.submit(this::figures).get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("the simulation thread did not answer", e);
    } finally {
      sim.shutdownNow();
    }
    if (!done) {
      out.accept("(stopped with " + f.visitsInProgress() + " visits still in progress)");
    }
    f.report().forEach(out);
    return f;
  }

  // ---- on the sim thread ------------------------------------------------------------------

  private void begin() {
    startNanos = System.nanoTime();
    lastChangeNanos = startNanos;
    out.accept("simulating " + settings.users() + " user agents on " + site.name() + " (" + clusters.size()
        + " clusters, " + proxies.size() + " proxies) for " + settings.duration().toSeconds() + " s at speed "
        + settings.speed() + ", seed " + settings.seed());
    for (int i = 0; i < settings.users(); i++) {
      int user = i;
      // first visits spread over one mean interval, as if the crowd were already there
      later(simulated(exponential(settings.meanInterval())), () -> startVisit(user));
    }
    if (settings.sensorEventsPerMinute() > 0) {
      later(nextSensorEvent(), this::sensorEvent);
    }
    if (!settings.reportEvery().isZero()) {
      long every = settings.reportEvery().toNanos();
      sim.scheduleAtFixedRate(() -> out.accept(figures().liveLine()), every, every, TimeUnit.NANOSECONDS);
    }
    sim.schedule(this::stop, settings.duration().toNanos(), TimeUnit.NANOSECONDS);
  }

  private void stop() {
    stopping = true;
    if (inProgress == 0) {
      finished.countDown();
    } else {
      sim.schedule(finished::countDown, settings.drain().toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  /** One visit of one user, from SEEK to WASH. */
  private final class Visit {
    final PisClient.Agent ua;
    final Urgency urgency;
    final Cluster cluster;
    final int user;
    long seekStart;
    boolean queued;
    Uri proxy;
    Optional<ProxyType> type = Optional.empty();

    Visit(int user) {
      this.user = user;
      this.cluster = clusters.get(random.nextInt(clusters.size()));
      this.ua = client.agent("user" + user, "sim.miville.invalid");
      this.urgency = drawUrgency();
    }
  }

  private void startVisit(int user) {
    if (stopping) {
      return;
    }
    Visit v = new Visit(user);
    visitsStarted++;
    inProgress++;
    visitedClusters.putIfAbsent(v.cluster.id(), v.cluster);
    v.seekStart = System.nanoTime();
    send(v, SipMethod.SEEK, Uri.parse("sip:" + v.cluster.controller()), b -> {
      if (!v.urgency.equals(Urgency.NORMAL)) {
        b.header(PisHeaders.URGENCY, List.of(v.urgency));
      }
      if (random.nextDouble() < 0.3) {
        b.header(PisHeaders.REQUIRES, List.of(ProxyAttribute.of(random.nextBoolean() ? "Paper" : "Clean-proxy")));
      }
    }, r -> {
      if (r.status() == 110 && !v.queued) {
        v.queued = true;
        changeQueued(+1);
      }
    }).thenAcceptAsync(x -> afterSeek(v, x), sim);
  }

  private void afterSeek(Visit v, Exchange seek) {
    if (v.queued) {
      changeQueued(-1);
    }
    Optional<Uri> proxy = proxyOf(seek);
    if (!seek.succeeded() || proxy.isEmpty()) {
      visitsTurnedAway++;
      endVisit(v);
      return;
    }
    waits.computeIfAbsent(v.urgency, u -> new ArrayList<>()).add(Duration.ofNanos(System.nanoTime() - v.seekStart));
    v.proxy = proxy.get();
    v.type = seek.finalResponse().header(PisHeaders.TYPE).flatMap(l -> l.stream().findFirst());
    if (v.urgency.equals(Urgency.NORMAL)) {
      // §2.1: a user agent that signals urgency may skip AIM; the others aim first
      send(v, SipMethod.AIM, v.proxy, b -> {}, r -> {}).thenAcceptAsync(x -> invite(v), sim);
    } else {
      invite(v);
    }
  }

  private void invite(Visit v) {
    send(v, SipMethod.INVITE, v.proxy, b -> {}, r -> {}).thenAcceptAsync(x -> {
      if (!x.succeeded()) {
        visitsRefused++;
        endVisit(v);
        return;
      }
      changeInSession(+1);
      later(simulated(holdTime(v.type)), () -> hangUp(v));
    }, sim);
  }

  private void hangUp(Visit v) {
    requestsSent++;
    v.ua.bye().thenAcceptAsync(x -> {
      counted(x);
      changeInSession(-1);
      send(v, SipMethod.FLUSH, v.proxy, b -> {}, r -> {}) // no How: the proxy's own technique
          .thenAcceptAsync(f -> {
            if (random.nextDouble() < settings.washShare()) {
              send(v, SipMethod.WASH, Uri.parse("sip:" + v.cluster.controller()), b -> {}, r -> {})
                  .thenAcceptAsync(w -> served(v), sim);
            } else {
              served(v);
            }
          }, sim);
    }, sim);
  }

  private void served(Visit v) {
    visitsServed++;
    endVisit(v);
  }

  private void endVisit(Visit v) {
    inProgress--;
    if (stopping) {
      if (inProgress == 0) {
        finished.countDown();
      }
      return;
    }
    later(simulated(exponential(settings.meanInterval())), () -> startVisit(v.user));
  }

  /** Sends a request, counts it and its answers (on the sim thread); {@code provisional} sees each 1xx there. */
  private CompletionStage<Exchange> send(Visit v, SipMethod method, Uri target,
      Consumer<io.miville.codec.SipRequest.Builder> headers, Consumer<SipResponse> provisional) {
    requestsSent++;
    io.miville.codec.SipRequest.Builder b = v.ua.request(method, target);
    headers.accept(b);
    return v.ua.send(b.build(), r -> sim.execute(() -> provisional.accept(r)))
        .thenApplyAsync(x -> {
          counted(x);
          return x;
        }, sim);
  }

  private void counted(Exchange x) {
    finalsReceived++;
    Map<Integer, Long> byCode = answers.computeIfAbsent(x.request().method().name(), k -> new java.util.TreeMap<>());
    x.provisionals().forEach(p -> byCode.merge(p.status(), 1L, Long::sum));
    byCode.merge(x.status(), 1L, Long::sum);
  }

  /** Sensors: paper runs out, or a proxy clogs; a PUBLISH from the sensor user agent to the controller. */
  private void sensorEvent() {
    if (stopping) {
      return;
    }
    ProxySpec p = proxies.get(random.nextInt(proxies.size()));
    SensorEvents.Report condition = random.nextInt(3) == 0 ? SensorEvents.Report.CLOGGED : SensorEvents.Report.NO_PAPER;
    PisClient.Agent sensor = client.agent("sensor", p.host());
    requestsSent++;
    sensorEvents++;
    sensor.send(SensorEvents.publish(sensor, p, condition)).thenAcceptAsync(this::counted, sim);
    later(nextSensorEvent(), this::sensorEvent);
    // maintenance answers the report some simulated minutes later, or the site would only decay
    later(simulated(exponential(MEAN_REPAIR)), () -> service(p));
  }

  /** A sensor reports that maintenance serviced {@code p}. */
  private void service(ProxySpec p) {
    if (stopping) {
      return;
    }
    PisClient.Agent sensor = client.agent("sensor", p.host());
    requestsSent++;
    sensorEvents++;
    sensor.send(SensorEvents.publish(sensor, p, SensorEvents.Report.SERVICED)).thenAcceptAsync(this::counted, sim);
  }

  private Duration nextSensorEvent() {
    double meanSeconds = 60.0 / settings.sensorEventsPerMinute();
    return simulated(exponential(Duration.ofMillis((long) (meanSeconds * 1000))));
  }

  /**
   * The proxy a 200 Proxy Available names: in From, as the draft's §2.1 answer shows, else in the
   * first Contact.
   */
  private static Optional<Uri> proxyOf(Exchange seek) {
    SipResponse r = seek.finalResponse();
    Optional<Uri> asked = seek.request().from().map(Address::uri);
    Optional<Uri> from = r.from().map(Address::uri).filter(u -> !Optional.of(u).equals(asked));
    if (from.isPresent()) {
      return from;
    }
    return r.contacts().stream().filter(a -> !a.isWildcard()).findFirst().map(Address::uri);
  }

  private Urgency drawUrgency() {
    double total = settings.urgencyMix().values().stream().mapToDouble(Double::doubleValue).sum();
    double x = random.nextDouble() * total;
    for (Urgency u : Urgency.knownValues()) {
      double share = settings.urgencyMix().getOrDefault(u, 0.0);
      if (x < share) {
        return u;
      }
      x -= share;
    }
    return Urgency.NORMAL;
  }

  /** Realistic time in use, by type: about 45 s at a urinal, 4 min in a stall, 2 min otherwise (log-normal). */
  private Duration holdTime(Optional<ProxyType> type) {
    double meanSeconds = type.map(t -> {
      if (t.equals(ProxyType.URINAL) || t.equals(ProxyType.LINE_URINAL) || t.equals(ProxyType.WALL_URINAL)
          || t.equals(ProxyType.PIZWAH)) {
        return 45.0;
      }
      if (t.equals(ProxyType.STALL) || t.equals(ProxyType.COMMODE) || t.equals(ProxyType.AIRPLANE_STALL)) {
        return 240.0;
      }
      return 120.0;
    }).orElse(120.0);
    double sigma = 0.5;
    double seconds = meanSeconds * Math.exp(sigma * gaussian() - sigma * sigma / 2);
    return Duration.ofMillis((long) (seconds * 1000));
  }

  private double gaussian() {
    // Box-Muller on the seeded generator
    double u1 = random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }

  private Duration exponential(Duration mean) {
    return Duration.ofNanos((long) (-Math.log(1 - random.nextDouble()) * mean.toNanos()));
  }

  private Duration simulated(Duration d) {
    return Duration.ofNanos((long) (d.toNanos() / settings.speed()));
  }

  private void later(Duration d, Runnable task) {
    sim.schedule(task, d.toNanos(), TimeUnit.NANOSECONDS);
  }

  private void integrate() {
    long now = System.nanoTime();
    double dt = (now - lastChangeNanos) / 1e9;
    queuedIntegral += queuedNow * dt;
    sessionIntegral += inSession * dt;
    lastChangeNanos = now;
  }

  private void changeQueued(int delta) {
    integrate();
    queuedNow += delta;
    queuedMax = Math.max(queuedMax, queuedNow);
  }

  private void changeInSession(int delta) {
    integrate();
    inSession += delta;
  }

  private Figures figures() {
    integrate();
    double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    int capacity = visitedClusters.values().stream().flatMap(c -> c.proxies().stream())
        .mapToInt(ProxySpec::capacity).sum();
    double utilisation = capacity == 0 ? 0 : sessionIntegral / seconds / capacity;
    return new Figures(Duration.ofNanos(System.nanoTime() - startNanos), visitsStarted, visitsServed,
        visitsTurnedAway, visitsRefused, inProgress, waits, queuedNow, queuedMax, queuedIntegral / seconds, inSession,
        utilisation, requestsSent, finalsReceived, answers, sensorEvents);
  }
}
