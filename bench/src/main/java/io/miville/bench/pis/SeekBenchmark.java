package io.miville.bench.pis;

import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.pis.controller.Controllers;
import io.miville.pis.controller.PisConfig;
import io.miville.pis.controller.PisController;
import io.miville.pis.controller.Responder;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.DemoSite;
import io.miville.pis.site.Site;
import io.miville.transaction.time.ManualTime;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * SEEK decisions per second in-process over a site of 1,000,000 proxies
 * ({@code DemoSite.synthetic}, ~100,000 clusters): the controller's whole answer to a pre-parsed
 * SEEK (criteria from the headers, matching Requires against the cluster's proxies and their live
 * state, the hold, PIS-Load and Contact headers, the response built), on its own lane with a manual
 * clock. The hold lasts 1 ns and the clock moves 1 µs per SEEK, so each SEEK also pays for its
 * hold's timer and the proxy is free again for the next one (a steady state, no queue build-up).
 *
 * <ul>
 *   <li>{@code plain}: SEEK to a random cluster's controller, Requires drawn from a small mix;</li>
 *   <li>{@code located}: the same with a Geo-spatial-position in the site's region, so the answer
 *       also ranks the nearest suitable clusters (Contact) through the spatial locator.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g", "-XX:+UseG1GC"})
public class SeekBenchmark {
  private static final String[] REQUIRES = {"", "Requires: Paper\r\n", "Requires: Clean-proxy Stall-proxy\r\n",
      "Requires: Female\r\n", "Urgency: Urgent\r\nRequires: Handicapable\r\n"};

  @Param({"1000000"})
  int proxies;

  private ManualTime time;
  private PisController controller;
  private SipRequest[] plain;
  private SipRequest[] located;
  private int next;
  private final Sink sink = new Sink();

  /** Hands answers to the blackhole and counts them by status, printed at the end of the trial. */
  static final class Sink implements Responder {
    SipRequest request;
    Blackhole bh;
    final long[] byStatus = new long[700];

    @Override
    public SipResponse.Builder response(int status) {
      return SipResponse.forRequest(request, status);
    }

    @Override
    public void send(SipResponse response) {
      byStatus[response.status()]++;
      bh.consume(response);
    }
  }

  @Setup(Level.Trial)
  public void setUp() {
    Site site = DemoSite.synthetic(proxies, 42);
    time = ManualTime.create();
    PisConfig config = PisConfig.builder().holdTime(Duration.ofNanos(1)).build();
    controller = Controllers.create(site, time.newLane("pis"), config);
    List<Cluster> clusters = site.clusters();
    SplittableRandom r = new SplittableRandom(7);
    int n = 4096;
    plain = new SipRequest[n];
    located = new SipRequest[n];
    SipParser parser = SipParser.create();
    for (int i = 0; i < n; i++) {
      Cluster c = clusters.get(r.nextInt(clusters.size()));
      String req = REQUIRES[r.nextInt(REQUIRES.length)];
      double lat = DemoSite.SOUTH + r.nextDouble() * (DemoSite.NORTH - DemoSite.SOUTH);
      double lon = DemoSite.WEST + r.nextDouble() * (DemoSite.EAST - DemoSite.WEST);
      plain[i] = (SipRequest) parser.parse(seek(c, i, req));
      located[i] = (SipRequest) parser.parse(seek(c, i, req
          + String.format(Locale.ROOT, "Geo-spatial-position: %.5f, %.5f, 2\r\n", lat, lon)));
    }
  }

  /** The mix of answers, so the rate can be read: how many were 200, 110, 300. */
  @TearDown(Level.Trial)
  public void printMix() {
    StringBuilder b = new StringBuilder("answers:");
    for (int i = 0; i < sink.byStatus.length; i++) {
      if (sink.byStatus[i] > 0) {
        b.append(' ').append(i).append('=').append(sink.byStatus[i]);
      }
    }
    System.err.println(b);
  }

  private static String seek(Cluster c, int i, String extra) {
    return "SEEK sip:" + c.controller() + " PIS/1.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-" + i + "\r\n"
        + "From: <sip:ua" + i + "@example.org>;tag=" + i + "\r\n"
        + "To: <sip:" + c.controller() + ">\r\n"
        + "Call-ID: seek-" + i + "\r\nCSeq: 1 SEEK\r\n" + extra + "Content-Length: 0\r\n\r\n";
  }

  private void decide(SipRequest r, Blackhole bh) {
    sink.request = r;
    sink.bh = bh;
    controller.handle(r, sink);
    time.advance(Duration.ofNanos(1000));
  }

  @Benchmark
  public void plain(Blackhole bh) {
    decide(plain[next++ & (plain.length - 1)], bh);
  }

  @Benchmark
  public void located(Blackhole bh) {
    decide(located[next++ & (located.length - 1)], bh);
  }
}
