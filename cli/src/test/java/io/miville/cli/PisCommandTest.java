package io.miville.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.pis.PisNode;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code miville pis seek|flush|...} and {@code pis simulate} against a PIS node serving the demo
 * site on 127.0.0.1, its time 900 times faster (a FLUSH takes under 10 ms).
 */
class PisCommandTest {
  private PisNode pis;
  private String controller;

  @BeforeEach
  void start() {
    pis = PisTestNodes.demo(new InetSocketAddress("127.0.0.1", 0), 900);
    controller = "sip:127.0.0.1:" + pis.address(Transport.UDP).orElseThrow().getPort();
  }

  @AfterEach
  void stop() {
    pis.close();
  }

  @Test
  void seekPrintsTheExchangeAndExitsZeroOnProxyAvailable() {
    Cli.Result r = Cli.run("pis", "seek", "resourcecontroller@latrine1.loo.com", "--controller", controller,
        "--requires", "Clean-proxy Paper");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    assertThat(r.out()).contains("--> sent", "SEEK sip:resourcecontroller@latrine1.loo.com PIS/1.0\r\n",
        "Requires: Clean-proxy Paper\r\n", "<-- received", "PIS/1.0 200 Proxy Available\r\n",
        "SEEK: 200 Proxy Available in ");
  }

  @Test
  void theDraftsFlushTidExchangeInShortForm() {
    Cli.Result r = Cli.run("pis", "flush", "head@ships-a-hoy.com", "--from", "user@ships-a-hoy.com", "--tid", "1",
        "--short-form", "--controller", controller);

    assertThat(r.out()).as(r.err()).contains("PIS/1.0 FLUSH TID=1\r\n", "To: <sip:head@ships-a-hoy.com>\r\n",
        "From: <sip:user@ships-a-hoy.com>;tag=", "100 INFO TID=1\r\n");
    assertThat(r.out()).containsPattern("\n(PIS/1.0 )?200 [^\r]*TID=1\r\n");
    assertThat(r.exitCode()).isZero();
  }

  @Test
  void anOperatorClosesAProxyAndSeekersAreToldSo() {
    Cli.Result closed = Cli.run("pis", "operate", "wetbath@winnebago.rv.example", "--controller", controller,
        "--condition", "closed-for-cleaning", "--info", "Malodor");
    assertThat(closed.exitCode()).as(closed.out() + closed.err()).isZero();
    assertThat(closed.out()).contains("PUBLISH sip:wetbath@winnebago.rv.example", "Condition: CLOSED-FOR-CLEANING\r\n",
        "Info: Malodor\r\n", "200 ");

    Cli.Result seek = Cli.run("pis", "seek", "resourcecontroller@winnebago.rv.example", "--controller", controller);
    assertThat(seek.out()).as(seek.err()).contains("301 Closed for cleaning");

    Cli.Result reopened = Cli.run("pis", "operate", "wetbath@winnebago.rv.example", "--controller", controller,
        "--condition", "Available", "--info", "none");
    assertThat(reopened.exitCode()).isZero();
    assertThat(Cli.run("pis", "seek", "resourcecontroller@winnebago.rv.example", "--controller", controller).out())
        .contains("200 Proxy Available");
  }

  @Test
  void operateWantsAKnownCondition() {
    Cli.Result r = Cli.run("pis", "operate", "head@ships-a-hoy.com", "--controller", controller, "--condition", "sparkling");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("unknown condition 'sparkling'");
  }

  @Test
  void aBadHeaderValueIsAUsageError() {
    Cli.Result r = Cli.run("pis", "seek", "resourcecontroller@latrine1.loo.com", "--controller", controller,
        "--geo", "north of here");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("bad Geo-spatial-position value");
  }

  @Test
  void pisWithoutACommandIsAUsageError() {
    Cli.Result r = Cli.run("pis");

    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("seek", "simulate", "serve");
  }

  @Test
  void aShortSimulationFinishesAndItsCountsAddUp() {
    Cli.Result r = Cli.run("pis", "simulate", "--controller", controller, "--users", "4", "--duration", "1",
        "--seed", "7", "--speed", "900", "--report-every", "0.5", "--drain", "10", "--sensor-rate", "0.1");

    assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
    String out = r.out();
    assertThat(out).contains("simulating 4 user agents", "waits for a proxy", "answers by code", "SEEK:");
    var m = java.util.regex.Pattern.compile("(\\d+) visits started: (\\d+) served, (\\d+) turned away, (\\d+) refused,"
        + " (\\d+) unfinished").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    long started = Long.parseLong(m.group(1));
    long sum = Long.parseLong(m.group(2)) + Long.parseLong(m.group(3)) + Long.parseLong(m.group(4))
        + Long.parseLong(m.group(5));
    assertThat(started).isPositive().isEqualTo(sum);
    var req = java.util.regex.Pattern.compile("requests: (\\d+) sent, (\\d+) answered").matcher(out);
    assertThat(req.find()).isTrue();
    assertThat(req.group(1)).isEqualTo(req.group(2));
    assertThat(Long.parseLong(req.group(1))).isEqualTo(pis.requests());
  }
}
