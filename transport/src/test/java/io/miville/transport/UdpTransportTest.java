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
import io.miville.codec.header.Via;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * UDP on real sockets: round trip, received/rport, and what happens to bad datagrams. The bad
 * datagram is always followed by a good one from the same socket: the server reads one socket
 * in order, so once the good one has arrived the bad one has been dealt with.
 */
class UdpTransportTest {
  private final TestSupport.Inbox inbox = new TestSupport.Inbox();
  private final AtomicLong fakeClock = new AtomicLong(1_000);
  private SipTransportLayer server;
  private InetSocketAddress serverAddress;
  private DatagramSocket raw;

  @BeforeEach
  void start() throws IOException {
    server = TestSupport.layer(inbox)
        .listen(Transport.UDP, LOOPBACK_ANY_PORT)
        .codecConfig(CodecConfig.DEFAULT.withMaxMessageBytes(4096))
        .clock(fakeClock::get)
        .build()
        .start();
    serverAddress = server.listenPoint(Transport.UDP).orElseThrow().address();
    raw = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    raw.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TestSupport.WAIT_SECONDS));
  }

  @AfterEach
  void stop() {
    raw.close();
    server.close();
  }

  private void sendRaw(String text) throws IOException {
    sendRaw(bytes(text));
  }

  private void sendRaw(byte[] b) throws IOException {
    raw.send(new DatagramPacket(b, b.length, serverAddress));
  }

  private SipMessage receiveRaw() throws IOException {
    DatagramPacket p = new DatagramPacket(new byte[65_536], 65_536);
    raw.receive(p);
    return SipParser.create().parseDatagram(p.getData(), 0, p.getLength());
  }

  /** A good request from the raw socket, answered 200 by the test: proves earlier datagrams were handled. */
  private void goodRequestAnswered() throws IOException {
    sendRaw(rawRequest("OPTIONS", "SIP/2.0/UDP 127.0.0.1:" + raw.getLocalPort() + ";branch=z9hG4bKgood", "good@x", "", ""));
    InboundMessage in = inbox.take();
    assertThat(in.message().callId()).contains("good@x");
    server.send(SipResponse.forRequest((SipRequest) in.message(), 200).build(), in.flow());
    SipResponse answer = (SipResponse) receiveRaw();
    assertThat(answer.status()).as("the first answer the raw socket gets").isEqualTo(200);
  }

  @Test
  void roundTripBetweenTwoLayers() throws Exception {
    TestSupport.Inbox clientInbox = new TestSupport.Inbox();
    try (SipTransportLayer client = TestSupport.layer(clientInbox).listen(Transport.UDP, LOOPBACK_ANY_PORT).build().start()) {
      InetSocketAddress clientAddress = client.listenPoint(Transport.UDP).orElseThrow().address();
      SipRequest request = options("UDP", "127.0.0.1", clientAddress.getPort(), "udp-rt@x");
      Flow sentOn = client.send(request, Transport.UDP, serverAddress).toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(sentOn.transport()).isEqualTo(Transport.UDP);
      assertThat(sentOn.local()).isEqualTo(clientAddress);
      assertThat(sentOn.remote()).isEqualTo(serverAddress);

      InboundMessage in = inbox.take();
      TestSupport.assertSameRequest(in.message(), request);
      assertThat(in.flow().remote()).isEqualTo(clientAddress); // sent from the listening socket
      assertThat(in.flow().connectionId()).isZero();
      assertThat(in.receivedNanos()).isEqualTo(1_000); // the injected clock
      // sent-by is the source address and no rport: the Via is left as it was
      assertThat(in.message().topVia().orElseThrow()).isEqualTo(request.topVia().orElseThrow());

      server.send(SipResponse.forRequest((SipRequest) in.message(), 200).build(), in.flow())
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      InboundMessage back = clientInbox.take();
      assertThat(((SipResponse) back.message()).status()).isEqualTo(200);
      assertThat(back.message().callId()).contains("udp-rt@x");

      TransportCounters c = server.counters();
      assertThat(c.traffic(Transport.UDP).messagesIn()).isEqualTo(1);
      assertThat(c.traffic(Transport.UDP).messagesOut()).isEqualTo(1);
      assertThat(c.datagramsIn()).isEqualTo(1);
      assertThat(c.traffic(Transport.UDP).bytesIn()).isEqualTo(request.encode().length);
      assertThat(c.bytesOut()).isPositive();
    }
  }

  @Test
  void receivedAndRportAreAddedAndTheResponseGoesToTheSourcePort() throws IOException {
    // sent-by claims another host and port: only rport brings the response back here
    sendRaw(rawRequest("OPTIONS", "SIP/2.0/UDP 192.0.2.1:5099;rport;branch=z9hG4bKr1", "rport@x", "", ""));
    InboundMessage in = inbox.take();
    Via top = in.message().topVia().orElseThrow();
    assertThat(top.received()).contains("127.0.0.1");
    assertThat(top.rport()).hasValue(raw.getLocalPort());
    assertThat(top.branch()).contains("z9hG4bKr1");
    server.send(SipResponse.forRequest((SipRequest) in.message(), 200).build(), in.flow());
    SipResponse answer = (SipResponse) receiveRaw();
    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.topVia().orElseThrow().rport()).hasValue(raw.getLocalPort());
  }

  @Test
  void receivedIsAddedWhenSentByIsANameAndKeptOffWhenItIsTheSource() throws IOException {
    sendRaw(rawRequest("OPTIONS", "SIP/2.0/UDP client.example.com:5099;branch=z9hG4bKn1", "name@x", "", ""));
    Via named = inbox.take().message().topVia().orElseThrow();
    assertThat(named.received()).contains("127.0.0.1");
    assertThat(named.hasRport()).isFalse();

    sendRaw(rawRequest("OPTIONS", "SIP/2.0/UDP 127.0.0.1:5099;branch=z9hG4bKn2, SIP/2.0/UDP 192.0.2.9;branch=z9hG4bKn0",
        "same@x", "", ""));
    SipMessage same = inbox.take().message();
    assertThat(same.topVia().orElseThrow().received()).isEmpty();
    assertThat(same.vias()).hasSize(2);
  }

  @Test
  void garbageIsCountedAndDropped() throws IOException {
    sendRaw(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 1, 2, 3, 4, 5});
    sendRaw("hello, this is not SIP\r\n\r\n");
    sendRaw("\r\n\r\n"); // a keep-alive, not garbage
    goodRequestAnswered();
    TransportCounters c = server.counters();
    assertThat(c.malformedDropped()).isEqualTo(2);
    assertThat(c.malformedAnswered()).isZero();
    assertThat(c.keepAlivePings()).isEqualTo(1);
    assertThat(c.datagramsIn()).isEqualTo(4);
    assertThat(c.traffic(Transport.UDP).messagesIn()).isEqualTo(1);
  }

  @Test
  void malformedRequestIsAnswered400Statelessly() throws IOException {
    // a broken Contact, while Via, From, To, Call-ID and CSeq are fine
    sendRaw(rawRequest("INVITE", "SIP/2.0/UDP 192.0.2.1:5099;rport;branch=z9hG4bKbad1", "bad400@x",
        "Contact: <sip:evil@[bad\r\n", ""));
    SipResponse answer = (SipResponse) receiveRaw();
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.reason()).doesNotContain("evil").doesNotContain("[bad");
    assertThat(answer.callId()).contains("bad400@x");
    assertThat(answer.cseq().orElseThrow().method().name()).isEqualTo("INVITE");
    assertThat(answer.toTag()).isPresent(); // RFC 3261 §8.2.6.2
    Via top = answer.topVia().orElseThrow();
    assertThat(top.branch()).contains("z9hG4bKbad1");
    assertThat(top.received()).contains("127.0.0.1");
    assertThat(top.rport()).hasValue(raw.getLocalPort());
    assertThat(inbox.isEmpty()).isTrue();
    assertThat(server.counters().malformedAnswered()).isEqualTo(1);
  }

  @Test
  void wrongVersionIsAnswered505() throws IOException {
    String text = rawRequest("OPTIONS", "SIP/2.0/UDP 192.0.2.1;rport;branch=z9hG4bKv7", "v7@x", "", "")
        .replaceFirst("SIP/2.0\r\n", "SIP/7.0\r\n");
    sendRaw(text);
    SipResponse answer = (SipResponse) receiveRaw();
    assertThat(answer.status()).isEqualTo(505);
    assertThat(answer.version().text()).isEqualTo("SIP/2.0");
    assertThat(answer.callId()).contains("v7@x");
  }

  @Test
  void oversizedDatagramIsAnswered413() throws IOException {
    String body = "x".repeat(5000); // the server's limit is 4096 bytes
    sendRaw(rawRequest("MESSAGE", "SIP/2.0/UDP 192.0.2.1;rport;branch=z9hG4bKbig", "big@x",
        "Content-Type: text/plain\r\n", body));
    SipResponse answer = (SipResponse) receiveRaw();
    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.callId()).contains("big@x");
    assertThat(inbox.isEmpty()).isTrue();
  }

  @Test
  void malformedResponsesAcksAndUnsalvageableRequestsAreDroppedWithoutAnswer() throws IOException {
    sendRaw("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKx\r\nCSeq: nonsense\r\nContent-Length: 0\r\n\r\n");
    sendRaw(rawRequest("ACK", "SIP/2.0/UDP 192.0.2.1;rport;branch=z9hG4bKack", "ack@x", "Contact: <sip:[bad\r\n", ""));
    // the top Via itself is broken: nowhere to send an answer
    sendRaw(rawRequest("OPTIONS", "SIP/2.0/UDP [not-an-ip;rport", "novia@x", "", ""));
    goodRequestAnswered();
    TransportCounters c = server.counters();
    assertThat(c.malformedDropped()).isEqualTo(3);
    assertThat(c.malformedAnswered()).isZero();
  }

  @Test
  void requestWithoutMandatoryHeadersIsDropped() throws IOException {
    sendRaw("OPTIONS sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1;branch=z9hG4bKm\r\nContent-Length: 0\r\n\r\n");
    goodRequestAnswered();
    assertThat(server.counters().malformedDropped()).isEqualTo(1);
  }

  @Test
  void handlerExceptionsAreCountedAndTheLayerKeepsServing() throws Exception {
    TestSupport.Inbox after = new TestSupport.Inbox();
    try (SipTransportLayer throwing = TestSupport.layer(in -> {
          if (in.message().callId().orElse("").startsWith("boom")) {
            throw new IllegalStateException("handler bug");
          }
          after.onMessage(in);
        }).listen(Transport.UDP, LOOPBACK_ANY_PORT).build().start()) {
      InetSocketAddress to = throwing.listenPoint(Transport.UDP).orElseThrow().address();
      for (String id : new String[] {"boom@x", "fine@x"}) {
        byte[] b = bytes(rawRequest("OPTIONS", "SIP/2.0/UDP 127.0.0.1;branch=z9hG4bK" + id.length(), id, "", ""));
        raw.send(new DatagramPacket(b, b.length, to));
      }
      assertThat(after.take().message().callId()).contains("fine@x");
      assertThat(throwing.counters().handlerErrors()).isEqualTo(1);
    }
  }

  @Test
  void sendingWithoutAUdpListenPointFails() {
    try (SipTransportLayer tcpOnly = TestSupport.layer(inbox).listen(Transport.TCP, LOOPBACK_ANY_PORT).build().start()) {
      assertThat(tcpOnly.send(options("UDP", "127.0.0.1", 5060, "x@y"), Transport.UDP, serverAddress)
          .toCompletableFuture()).isCompletedExceptionally();
      assertThat(tcpOnly.counters().sendFailures()).isEqualTo(1);
    }
  }
}
