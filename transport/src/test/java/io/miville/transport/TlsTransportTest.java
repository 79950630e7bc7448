package io.miville.transport;

import io.miville.testkit.TestCertificates;
import static io.miville.transport.TestSupport.LOOPBACK_ANY_PORT;
import static io.miville.transport.TestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS and WSS with a self-signed certificate made for the test. */
class TlsTransportTest {
  @TempDir
  static Path dir;
  private static TestCertificates certs;
  private static SipTransportLayer server;
  private static final TestSupport.Inbox SERVER_INBOX = new TestSupport.Inbox();

  @BeforeAll
  static void start() throws Exception {
    certs = TestCertificates.create(dir, "server");
    server = TestSupport.layer(in -> {
          SERVER_INBOX.onMessage(in);
          server.send(SipResponse.forRequest((SipRequest) in.message(), 200).build(), in.flow());
        })
        .tls(TlsConfig.builder().keyPair(certs.certificate(), certs.privateKey()).build())
        .listen(Transport.TLS, LOOPBACK_ANY_PORT)
        .listen(Transport.WSS, LOOPBACK_ANY_PORT)
        .build()
        .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static InetSocketAddress address(Transport t) {
    return server.listenPoint(t).orElseThrow().address();
  }

  @Test
  void tlsRoundTripWithTheSelfSignedCertificateTrusted() throws Exception {
    roundTrip(Transport.TLS);
  }

  @Test
  void secureWebSocketRoundTrip() throws Exception {
    roundTrip(Transport.WSS);
  }

  private void roundTrip(Transport transport) throws Exception {
    TestSupport.Inbox clientInbox = new TestSupport.Inbox();
    TlsConfig trusting = TlsConfig.builder().trustedCertificates(certs.certificate()).build();
    try (SipTransportLayer client = TestSupport.layer(clientInbox).tls(trusting).build().start()) {
      String callId = transport + "-rt@x";
      Flow flow = client.send(options(transport.viaName(), "client.invalid", 5061, callId), transport, address(transport))
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(flow.transport()).isEqualTo(transport);
      InboundMessage in = SERVER_INBOX.take();
      assertThat(in.message().callId()).contains(callId);
      assertThat(in.flow().transport()).isEqualTo(transport);
      assertThat(in.message().topVia().orElseThrow().received()).contains("127.0.0.1");
      SipResponse answer = (SipResponse) clientInbox.take().message();
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.callId()).contains(callId);
      assertThat(client.counters().traffic(transport).messagesIn()).isEqualTo(1);
      assertThat(client.counters().traffic(transport).messagesOut()).isEqualTo(1);
    }
  }

  @Test
  void untrustedServerFailsTheSend() {
    // the JDK's default trust store does not know the self-signed certificate
    try (SipTransportLayer client = TestSupport.layer(new TestSupport.Inbox()).tls(TlsConfig.builder().build())
        .handshakeTimeout(Duration.ofSeconds(3)).build().start()) {
      CompletableFuture<Flow> f = client.send(options("TLS", "client.invalid", 5061, "untrusted@x"), Transport.TLS,
          address(Transport.TLS)).toCompletableFuture();
      assertThat(f).failsWithin(Duration.ofSeconds(5));
      assertThat(client.counters().connectionsOpen()).isZero();
      assertThat(client.counters().sendFailures()).isEqualTo(1);
      assertThat(client.counters().tlsHandshakeFailures()).isEqualTo(1);
    }
  }

  @Test
  void certificateThatDoesNotNameTheHostFailsUnlessCheckingIsOff() throws Exception {
    // a server on 127.0.0.1 whose certificate names only another host
    TestCertificates other = TestCertificates.create(dir, "other", "CN=other.example", "dns:other.example");
    TestSupport.Inbox otherInbox = new TestSupport.Inbox();
    try (SipTransportLayer misnamed = TestSupport.layer(otherInbox)
        .tls(TlsConfig.builder().keyPair(other.certificate(), other.privateKey()).build())
        .listen(Transport.TLS, LOOPBACK_ANY_PORT).build().start()) {
      InetSocketAddress to = misnamed.listenPoint(Transport.TLS).orElseThrow().address();
      TlsConfig.Builder trusting = TlsConfig.builder().trustedCertificates(other.certificate());
      try (SipTransportLayer strict = TestSupport.layer(new TestSupport.Inbox()).tls(trusting.build()).build().start()) {
        assertThat(strict.send(options("TLS", "client.invalid", 5061, "wrongname@x"), Transport.TLS, to)
            .toCompletableFuture()).failsWithin(Duration.ofSeconds(5));
      }
      try (SipTransportLayer lax = TestSupport.layer(new TestSupport.Inbox())
          .tls(trusting.verifyHostname(false).build()).build().start()) {
        lax.send(options("TLS", "client.invalid", 5061, "anyname@x"), Transport.TLS, to)
            .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(otherInbox.take().message().callId()).contains("anyname@x");
      }
      assertThat(misnamed.counters().traffic(Transport.TLS).messagesIn()).isEqualTo(1);
    }
  }

  @Test
  void plainTextOnTheTlsPortIsClosed() throws Exception {
    try (Socket s = new Socket()) {
      s.setSoTimeout(5000);
      s.connect(address(Transport.TLS));
      s.getOutputStream().write(TestSupport.bytes(TestSupport.rawRequest("OPTIONS", "SIP/2.0/TCP 127.0.0.1;branch=z9hG4bKp",
          "plain@x", "", "")));
      // the server answers with a TLS alert, or nothing, then closes
      byte[] buf = new byte[1024];
      int n;
      do {
        n = s.getInputStream().read(buf);
      } while (n > 0);
      assertThat(n).isEqualTo(-1);
    }
    assertThat(SERVER_INBOX.isEmpty()).isTrue();
    assertThat(server.counters().tlsHandshakeFailures()).isPositive();
  }

  @Test
  void badTlsFilesAreRefusedWhenConfigured() throws Exception {
    Path notPem = Files.writeString(dir.resolve("garbage.pem"), "not a key\n");
    assertThatThrownBy(() -> TlsConfig.builder().keyPair(certs.certificate(), notPem).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlsConfig.builder().keyPair(certs.certificate(), dir.resolve("missing.pem")).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SipTransportLayer.builder().handler(in -> {}).listen(Transport.TLS, LOOPBACK_ANY_PORT).build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
