package io.miville.transport;

import static io.miville.transport.TestSupport.LOOPBACK_ANY_PORT;
import static io.miville.transport.TestSupport.bytes;
import static io.miville.transport.TestSupport.options;
import static io.miville.transport.TestSupport.rawRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.CodecConfig;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.SipStreamDecoder;
import io.miville.codec.header.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TCP on real sockets: framing, keep-alives, connection reuse, limits and bad input. */
class TcpTransportTest {
  private final TestSupport.Inbox inbox = new TestSupport.Inbox();
  private SipTransportLayer server;
  private InetSocketAddress serverAddress;

  private void start(SipTransportLayer.Builder builder) {
    server = builder.listen(Transport.TCP, LOOPBACK_ANY_PORT).build().start();
    serverAddress = server.listenPoint(Transport.TCP).orElseThrow().address();
  }

  private void start() {
    start(TestSupport.layer(inbox));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static String tcpRequest(String callId, int localPort) {
    return rawRequest("OPTIONS", "SIP/2.0/TCP 127.0.0.1:" + localPort + ";branch=z9hG4bK" + callId.hashCode(), callId, "",
        "");
  }

  @Test
  void messageSplitInManyWritesIsOneMessage() {
    start();
    try (TestSupport.RawStreamClient client = new TestSupport.RawStreamClient(serverAddress)) {
      String body = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n\r\nan empty line above\r\n";
      byte[] b = bytes(rawRequest("MESSAGE", "SIP/2.0/TCP 127.0.0.1:" + client.socket.getLocalPort() + ";branch=z9hG4bKs",
          "split@x", "Content-Type: text/plain\r\n", body));
      for (int i = 0; i < b.length; i++) {
        client.write(new byte[] {b[i]});
      }
      InboundMessage in = inbox.take();
      assertThat(in.message()).isEqualTo(SipParser.create().parse(b));
      assertThat(in.message().bodyText()).isEqualTo(body);
      assertThat(in.flow().transport()).isEqualTo(Transport.TCP);
      assertThat(in.flow().connectionId()).isPositive();
      assertThat(in.flow().remote().getPort()).isEqualTo(client.socket.getLocalPort());
    }
  }

  @Test
  void severalMessagesInOneWriteComeOutInOrder() {
    start();
    try (TestSupport.RawStreamClient client = new TestSupport.RawStreamClient(serverAddress)) {
      int port = client.socket.getLocalPort();
      client.write(tcpRequest("one@x", port) + "\r\n" + tcpRequest("two@x", port) + tcpRequest("three@x", port));
      List<InboundMessage> got = List.of(inbox.take(), inbox.take(), inbox.take());
      assertThat(got).extracting(m -> m.message().callId().orElseThrow()).containsExactly("one@x", "two@x", "three@x");
      assertThat(got).extracting(m -> m.flow().connectionId()).containsOnly(got.get(0).flow().connectionId());
      assertThat(server.counters().traffic(Transport.TCP).messagesIn()).isEqualTo(3);
    }
  }

  @Test
  void responseGoesBackOnTheSameConnection() {
    start(TestSupport.layer(in -> server.send(SipResponse.forRequest((SipRequest) in.message(), 200).build(), in.flow())));
    try (TestSupport.RawStreamClient client = new TestSupport.RawStreamClient(serverAddress)) {
      // the Via names a port nobody listens on: only the connection can bring the answer back
      client.write(rawRequest("OPTIONS", "SIP/2.0/TCP 192.0.2.1:1;branch=z9hG4bKsame", "same@x", "", ""));
      SipResponse answer = (SipResponse) client.readMessage();
      assertThat(answer.status()).isEqualTo(200);
      assertThat(answer.callId()).contains("same@x");
      assertThat(answer.topVia().orElseThrow().received()).contains("127.0.0.1");
    }
  }

  @Test
  void doubleCrlfPingIsAnsweredWithOneCrlfPong() {
    start(TestSupport.layer(in -> server.send(SipResponse.forRequest((SipRequest) in.message(), 200).build(), in.flow())));
    try (TestSupport.RawStreamClient client = new TestSupport.RawStreamClient(serverAddress)) {
      client.write("\r\n\r\n");
      assertThat(new String(client.readRaw(2), StandardCharsets.US_ASCII)).isEqualTo("\r\n");
      // a single CRLF is no ping: the next bytes from the server are the 200, not a pong
      client.write("\r\n");
      client.write(tcpRequest("after-ping@x", client.socket.getLocalPort()));
      assertThat(new String(client.readRaw(7), StandardCharsets.US_ASCII)).isEqualTo("SIP/2.0");
      assertThat(server.counters().keepAlivePings()).isEqualTo(1);
    }
  }

  @Test
  void oversizedMessageIsAnswered413AndTheConnectionClosed() {
    start(TestSupport.layer(inbox).codecConfig(CodecConfig.DEFAULT.withMaxMessageBytes(4096)));
    try (TestSupport.RawStreamClient client = new TestSupport.RawStreamClient(serverAddress)) {
      String head = rawRequest("MESSAGE", "SIP/2.0/TCP 127.0.0.1;branch=z9hG4bKbig", "big@x", "", "")
          .replace("Content-Length: 0", "Content-Length: 100000");
      client.write(head + "x".repeat(1000)); // the rest of the body never needs to come
      SipResponse answer = (SipResponse) client.readMessage();
      assertThat(answer.status()).isEqualTo(413);
      assertThat(answer.callId()).contains("big@x");
      assertThat(client.awaitClosed()).isTrue();
    }
    TransportCounters c = server.counters();
    assertThat(c.malformedAnswered()).isEqualTo(1);
    assertThat(c.connectionsMalformedClosed()).isEqualTo(1);
    assertThat(inbox.isEmpty()).isTrue();
  }

  @Test
  void malformedStreamIsAnswered400AndClosedAfterEarlierMessagesWereDelivered() {
    start();
    try (TestSupport.RawStreamClient client = new TestSupport.RawStreamClient(serverAddress)) {
      String noLength = rawRequest("OPTIONS", "SIP/2.0/TCP 127.0.0.1;branch=z9hG4bKnl", "nolength@x", "", "")
          .replace("Content-Length: 0\r\n", "");
      client.write(tcpRequest("before@x", client.socket.getLocalPort()) + noLength);
      assertThat(inbox.take().message().callId()).contains("before@x");
      SipResponse answer = (SipResponse) client.readMessage();
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.reason()).isEqualTo("missing Content-Length");
      assertThat(answer.callId()).contains("nolength@x");
      assertThat(client.awaitClosed()).isTrue();
    }
  }

  @Test
  void garbageClosesTheConnectionWithoutAnswer() throws IOException {
    start();
    try (Socket s = new Socket()) {
      s.setSoTimeout(5000);
      s.connect(serverAddress);
      s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00});
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(server.counters().malformedDropped()).isEqualTo(1);
    assertThat(server.counters().connectionsMalformedClosed()).isEqualTo(1);
  }

  @Test
  void connectionsBeyondTheCapAreRefused() {
    start(TestSupport.layer(inbox).maxConnections(2));
    try (TestSupport.RawStreamClient a = new TestSupport.RawStreamClient(serverAddress);
        TestSupport.RawStreamClient b = new TestSupport.RawStreamClient(serverAddress)) {
      // both accepted and in use before the third comes
      a.write(tcpRequest("a@x", a.socket.getLocalPort()));
      b.write(tcpRequest("b@x", b.socket.getLocalPort()));
      inbox.take();
      inbox.take();
      try (TestSupport.RawStreamClient c = new TestSupport.RawStreamClient(serverAddress)) {
        assertThat(c.awaitClosed()).isTrue();
      }
      assertThat(server.counters().connectionsRefused()).isEqualTo(1);
      assertThat(server.counters().connectionsOpen()).isEqualTo(2);
      a.write(tcpRequest("a-again@x", a.socket.getLocalPort()));
      assertThat(inbox.take().message().callId()).contains("a-again@x");
    }
  }

  @Test
  void idleConnectionIsClosed() {
    start(TestSupport.layer(inbox).idleTimeout(Duration.ofMillis(300)));
    try (TestSupport.RawStreamClient client = new TestSupport.RawStreamClient(serverAddress)) {
      client.write(tcpRequest("idle@x", client.socket.getLocalPort()));
      inbox.take();
      long start = System.nanoTime();
      assertThat(client.awaitClosed()).as("closed by the server within the wait bound").isTrue();
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
    }
    assertThat(server.counters().connectionsIdleClosed()).isEqualTo(1);
  }

  @Test
  void slowSenderIsCutOffAfterTheMessageTimeout() {
    start(TestSupport.layer(inbox).messageTimeout(Duration.ofMillis(300)));
    try (TestSupport.RawStreamClient client = new TestSupport.RawStreamClient(serverAddress)) {
      String whole = tcpRequest("slow@x", client.socket.getLocalPort());
      client.write(tcpRequest("quick@x", client.socket.getLocalPort()) + whole.substring(0, 40));
      assertThat(inbox.take().message().callId()).contains("quick@x");
      long start = System.nanoTime();
      assertThat(client.awaitClosed()).isTrue();
      assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(250));
    }
    assertThat(server.counters().connectionsStalledClosed()).isEqualTo(1);
    assertThat(server.counters().connectionsIdleClosed()).isZero();
  }

  @Test
  void messagesThatCompleteInTimeKeepTheConnection() {
    start(TestSupport.layer(in -> server.send(SipResponse.forRequest((SipRequest) in.message(), 200).build(), in.flow()))
        .messageTimeout(Duration.ofMillis(400)));
    try (TestSupport.RawStreamClient client = new TestSupport.RawStreamClient(serverAddress)) {
      // each message is finished after its answer to the previous one came back: more than
      // the timeout in total, never for one message
      String half = tcpRequest("m@x", client.socket.getLocalPort());
      for (int i = 0; i < 6; i++) {
        client.write(half.substring(0, 30));
        client.write(half.substring(30));
        assertThat(((SipResponse) client.readMessage()).status()).isEqualTo(200);
      }
      client.write(half);
      assertThat(((SipResponse) client.readMessage()).status()).isEqualTo(200);
    }
    assertThat(server.counters().connectionsStalledClosed()).isZero();
  }

  @Test
  void layersTalkOverOneReusedOutboundConnection() throws Exception {
    start(TestSupport.layer(in -> server.send(SipResponse.forRequest((SipRequest) in.message(), 200).build(), in.flow())));
    TestSupport.Inbox clientInbox = new TestSupport.Inbox();
    try (SipTransportLayer client = TestSupport.layer(clientInbox).listen(Transport.TCP, LOOPBACK_ANY_PORT).build().start()) {
      int clientPort = client.listenPoint(Transport.TCP).orElseThrow().address().getPort();
      // concurrent first sends share one connection attempt
      List<CompletableFuture<Flow>> sends = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        sends.add(client.send(options("TCP", "127.0.0.1", clientPort, "reuse" + i + "@x"), Transport.TCP, serverAddress)
            .toCompletableFuture());
      }
      List<Long> ids = new ArrayList<>();
      for (CompletableFuture<Flow> f : sends) {
        Flow flow = f.get(5, TimeUnit.SECONDS);
        assertThat(flow.remote()).isEqualTo(serverAddress);
        ids.add(flow.connectionId());
      }
      assertThat(ids).containsOnly(ids.get(0));
      for (int i = 0; i < 5; i++) {
        assertThat(((SipResponse) clientInbox.take().message()).status()).isEqualTo(200);
      }
      assertThat(client.counters().connectionsOpened()).isEqualTo(1);
      assertThat(server.counters().connectionsAccepted()).isEqualTo(1);
      assertThat(client.counters().traffic(Transport.TCP).messagesOut()).isEqualTo(5);
    }
  }

  @Test
  void responseToAClosedConnectionOpensANewOneToTheViaSentBy() throws Exception {
    start(TestSupport.layer(inbox).idleTimeout(Duration.ofMillis(300)));
    try (ServerSocket viaListener = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
        TestSupport.RawStreamClient client = new TestSupport.RawStreamClient(serverAddress)) {
      viaListener.setSoTimeout(5000);
      client.write(rawRequest("OPTIONS", "SIP/2.0/TCP 127.0.0.1:" + viaListener.getLocalPort() + ";branch=z9hG4bKgone",
          "gone@x", "", ""));
      InboundMessage in = inbox.take();
      // the idle timeout closes the connection; once the client sees it, the server knows too
      assertThat(client.awaitClosed()).isTrue();
      CompletionStage<Void> sent = server.send(SipResponse.forRequest((SipRequest) in.message(), 200).build(), in.flow());
      try (Socket back = viaListener.accept()) {
        back.setSoTimeout(5000);
        SipResponse answer = (SipResponse) readOne(back.getInputStream());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.callId()).contains("gone@x");
      }
      sent.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void peerThatDoesNotReadIsCutOffAtTheHighWaterMark() throws Exception {
    start(TestSupport.layer(inbox).writeBufferHighWaterMark(64 * 1024));
    try (Socket lazy = new Socket()) {
      lazy.setReceiveBufferSize(4096);
      lazy.setSoTimeout(5000);
      lazy.connect(serverAddress);
      lazy.getOutputStream().write(bytes(tcpRequest("lazy@x", lazy.getLocalPort())));
      InboundMessage in = inbox.take();
      SipResponse big = SipResponse.forRequest((SipRequest) in.message(), 200)
          .body(MediaType.parse("text/plain"), "y".repeat(60_000)).build();
      CompletableFuture<Void> refused = null;
      for (int i = 0; i < 1000 && refused == null; i++) {
        CompletableFuture<Void> f = server.send(big, in.flow()).toCompletableFuture();
        if (f.isCompletedExceptionally()) {
          refused = f;
        }
      }
      assertThat(refused).as("a send refused once the peer stopped reading").isNotNull();
      assertThat(server.counters().connectionsOverloadClosed()).isEqualTo(1);
      assertThat(server.send(big, in.flow()).toCompletableFuture()).failsWithin(Duration.ofSeconds(5));
    }
  }

  @Test
  void sendToANonListeningPortFails() throws Exception {
    start();
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      deadPort = s.getLocalPort();
    }
    CompletableFuture<Flow> f = server.send(options("TCP", "127.0.0.1", 5060, "dead@x"), Transport.TCP,
        new InetSocketAddress("127.0.0.1", deadPort)).toCompletableFuture();
    assertThat(f).failsWithin(Duration.ofSeconds(5));
    assertThat(server.counters().sendFailures()).isEqualTo(1);
    assertThat(server.counters().connectionsOpen()).isZero();
  }

  private static SipMessage readOne(InputStream in) throws IOException {
    SipStreamDecoder decoder = SipStreamDecoder.create();
    List<SipMessage> got = new ArrayList<>();
    byte[] buf = new byte[4096];
    while (got.isEmpty()) {
      int n = in.read(buf);
      if (n < 0) {
        throw new AssertionError("closed before a message");
      }
      decoder.feed(buf, 0, n, new SipStreamDecoder.Listener() {
        @Override
        public void onMessage(SipMessage message) {
          got.add(message);
        }

        @Override
        public void onPing() {}
      });
    }
    return got.get(0);
  }
}
