package io.miville.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.uri.Uri;
import io.miville.node.uac.Uac;
import io.miville.node.uas.BasicUas;
import io.miville.node.uas.UasPolicy;
import io.miville.testkit.FreePorts;
import io.miville.testkit.Sipp;
import io.miville.testkit.Stunnel;
import io.miville.testkit.TestCertificates;
import io.miville.transport.TlsConfig;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stack against real SIPp processes: SIPp's {@code uac} calls the basic UAS over UDP, TCP
 * with one connection, TCP with a connection per call, and TLS; SIPp's {@code uas} answers the
 * stack's OPTIONS and INVITE. Every run must end with zero failed calls.
 */
class SippInteropTest {
  private static final int CALLS = 200;
  private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

  private SipNode node;
  private BasicUas uas;

  @BeforeAll
  static void sippIsInstalled() {
    assertThat(Sipp.available()).as("sipp on the PATH (apt-get install sip-tester)").isTrue();
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  private void startUas(SipNode.Builder b) {
    uas = new BasicUas(UasPolicy.DEFAULT);
    node = b.requestHandler(uas).build().start();
  }

  private Sipp.Result uac(String transportMode, int port) {
    return Sipp.builtIn("uac")
        .args("-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()), "-t", transportMode,
            "-m", Integer.toString(CALLS), "-r", "100", "-l", "50", "-d", "0", "-max_socket", "400",
            "-timeout", "60s", "-timeout_error", "127.0.0.1:" + port)
        .bound(Duration.ofSeconds(90)).run();
  }

  private void assertAllCallsCompleted(Sipp.Result r) {
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(CALLS);
    assertThat(r.failedCalls()).as(r.describe()).isZero();
    assertThat(uas.counters().answered()).isEqualTo(CALLS);
    assertThat(uas.counters().ended()).isEqualTo(CALLS);
    assertThat(uas.activeCalls()).isZero();
  }

  @Test
  void sippUacOverUdp() {
    startUas(SipNode.builder().listen(Transport.UDP, ANY_LOOPBACK));
    assertAllCallsCompleted(uac("u1", node.address(Transport.UDP).orElseThrow().getPort()));
  }

  @Test
  void sippUacOverTcpWithOneConnection() {
    startUas(SipNode.builder().listen(Transport.TCP, ANY_LOOPBACK));
    assertAllCallsCompleted(uac("t1", node.address(Transport.TCP).orElseThrow().getPort()));
    assertThat(node.transport().counters().connectionsAccepted()).isEqualTo(1);
  }

  @Test
  void sippUacOverTcpWithAConnectionPerCall() {
    startUas(SipNode.builder().listen(Transport.TCP, ANY_LOOPBACK));
    assertAllCallsCompleted(uac("tn", node.address(Transport.TCP).orElseThrow().getPort()));
    assertThat(node.transport().counters().connectionsAccepted()).isEqualTo(CALLS);
  }

  @Test
  void sippUacOverTls(@TempDir Path dir) throws Exception {
    assertThat(Stunnel.available()).as("stunnel on the PATH (apt-get install stunnel4)").isTrue();
    TestCertificates pair = TestCertificates.create(dir, "uas");
    startUas(SipNode.builder().listen(Transport.TLS, ANY_LOOPBACK)
        .tls(TlsConfig.builder().keyPair(pair.certificate(), pair.privateKey()).build()));
    // Debian's SIPp has no TLS: its TCP connection is carried over TLS by stunnel, which checks our certificate
    try (Stunnel tunnel = Stunnel.toServer(node.address(Transport.TLS).orElseThrow(), pair.certificate())) {
      assertAllCallsCompleted(uac("t1", tunnel.port()));
    }
    // every INVITE, ACK and BYE came in over TLS (stunnel's readiness probe adds one empty connection)
    assertThat(node.transport().counters().traffic(Transport.TLS).messagesIn()).isEqualTo(3L * CALLS);
    assertThat(node.transport().counters().connectionsAccepted()).isBetween(1L, 2L);
  }

  @Test
  void sippUasAnswersOurOptions() throws Exception {
    node = SipNode.builder().listen(Transport.UDP, ANY_LOOPBACK).build().start();
    int sippPort = FreePorts.udpAndTcp();
    try (Sipp.Running sipp = Sipp.builtIn("uas").args("-i", "127.0.0.1", "-p", Integer.toString(sippPort), "-aa")
        .bound(Duration.ofSeconds(60)).start()) {
      Uac.Ping ping = new Uac(node).options(Uri.parse("sip:sipp@127.0.0.1:" + sippPort))
          .toCompletableFuture().get(20, TimeUnit.SECONDS);
      assertThat(ping.response().status()).as(ping.response().toString()).isEqualTo(200);
      assertThat(ping.roundTrip()).isPositive();
    }
  }

  @Test
  void sippUasAnswersACallFromTheStack() throws Exception {
    node = SipNode.builder().listen(Transport.UDP, ANY_LOOPBACK).build().start();
    int sippPort = FreePorts.udpAndTcp();
    try (Sipp.Running sipp = Sipp.builtIn("uas").args("-i", "127.0.0.1", "-p", Integer.toString(sippPort), "-m", "1")
        .bound(Duration.ofSeconds(60)).start()) {
      Uac.CallResult call = new Uac(node).call(Uri.parse("sip:sipp@127.0.0.1:" + sippPort), Duration.ofMillis(200))
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
      assertThat(call.answer().status()).isEqualTo(200);
      assertThat(call.succeeded()).as("BYE answered 2xx: " + call.bye()).isTrue();
      Sipp.Result r = sipp.await();
      assertThat(r.exitCode()).as(r.describe()).isZero();
      assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(1);
    }
  }
}
