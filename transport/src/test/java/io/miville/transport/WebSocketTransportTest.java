package io.miville.transport;

import static io.miville.transport.TestSupport.LOOPBACK_ANY_PORT;
import static io.miville.transport.TestSupport.bytes;
import static io.miville.transport.TestSupport.options;
import static io.miville.transport.TestSupport.rawRequest;
import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.CodecConfig;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SIP over WebSocket (RFC 7118) on real sockets. */
class WebSocketTransportTest {
  private final TestSupport.Inbox inbox = new TestSupport.Inbox();
  private SipTransportLayer server;
  private InetSocketAddress serverAddress;

  @BeforeEach
  void start() {
    server = TestSupport.layer(in -> {
          inbox.onMessage(in);
          if (in.message() instanceof SipRequest r && r.callId().orElse("").startsWith("answer")) {
            server.send(SipResponse.forRequest(r, 200).build(), in.flow());
          }
        })
        .codecConfig(CodecConfig.DEFAULT.withMaxMessageBytes(4096))
        .listen(Transport.WS, LOOPBACK_ANY_PORT)
        .build()
        .start();
    serverAddress = server.listenPoint(Transport.WS).orElseThrow().address();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void roundTripBetweenTwoLayersOnOneReusedConnection() throws Exception {
    TestSupport.Inbox clientInbox = new TestSupport.Inbox();
    try (SipTransportLayer client = TestSupport.layer(clientInbox).build().start()) {
      Flow first = client.send(options("WS", "df7jal23ls0d.invalid", 0, "answer-1@x"), Transport.WS, serverAddress)
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      Flow second = client.send(options("WS", "df7jal23ls0d.invalid", 0, "answer-2@x"), Transport.WS, serverAddress)
          .toCompletableFuture().get(5, TimeUnit.SECONDS);
      assertThat(second.connectionId()).isEqualTo(first.connectionId());
      InboundMessage in = inbox.take();
      assertThat(in.flow().transport()).isEqualTo(Transport.WS);
      // RFC 7118 §5.2: the client's Via host is a made-up name, so received is always added
      assertThat(in.message().topVia().orElseThrow().received()).contains("127.0.0.1");
      inbox.take();
      assertThat(((SipResponse) clientInbox.take().message()).status()).isEqualTo(200);
      assertThat(((SipResponse) clientInbox.take().message()).status()).isEqualTo(200);
      assertThat(client.counters().connectionsOpened()).isEqualTo(1);
      assertThat(server.counters().traffic(Transport.WS).messagesIn()).isEqualTo(2);
      // counted when the server's write completes, which may be after the client read the bytes
      assertThat(awaitCount(() -> server.counters().traffic(Transport.WS).messagesOut(), 2)).isEqualTo(2);
    }
  }

  /** Polls {@code counter} until it reaches {@code expected} or 5 s pass; returns its last value. */
  private static long awaitCount(java.util.function.LongSupplier counter, long expected) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    long value = counter.getAsLong();
    while (value < expected && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      value = counter.getAsLong();
    }
    return value;
  }

  @Test
  void upgradeWithoutTheSipSubprotocolIsRefused() throws IOException {
    String response = httpExchange(upgradeRequest("chat, superchat"));
    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).contains("subprotocol must be sip");
    assertThat(server.counters().webSocketUpgradesRefused()).isEqualTo(1);
  }

  @Test
  void plainHttpRequestIsRefused() throws IOException {
    String response = httpExchange("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(server.counters().webSocketUpgradesRefused()).isEqualTo(1);
  }

  @Test
  void eachFrameIsOneMessageContentLengthOptionalAndMalformedOnesAreAnsweredOnAnOpenConnection() throws IOException {
    try (RawWebSocket ws = RawWebSocket.connect(serverAddress)) {
      assertThat(ws.handshakeResponse).startsWith("HTTP/1.1 101").containsIgnoringCase("sec-websocket-protocol: sip");
      String noLength = rawRequest("OPTIONS", "SIP/2.0/WS abc.invalid;branch=z9hG4bKw1", "nolength@x", "", "")
          .replace("Content-Length: 0\r\n", "");
      ws.sendText("\r\n\r\n"); // a CRLF keep-alive in a frame: no answer, not garbage
      ws.sendText(noLength);
      assertThat(inbox.take().message().callId()).contains("nolength@x");
      assertThat(server.counters().keepAlivePings()).isEqualTo(1);

      ws.sendText(rawRequest("INVITE", "SIP/2.0/WS abc.invalid;branch=z9hG4bKw2", "broken@x", "Contact: <sip:[x\r\n", ""));
      SipResponse answer = (SipResponse) SipParser.create().parse(ws.readText());
      assertThat(answer.status()).isEqualTo(400);
      assertThat(answer.callId()).contains("broken@x");

      // the WebSocket framing is intact, so the connection is still good
      ws.sendText(rawRequest("OPTIONS", "SIP/2.0/WS abc.invalid;branch=z9hG4bKw3", "answer-after@x", "", ""));
      assertThat(inbox.take().message().callId()).contains("answer-after@x");
      assertThat(((SipResponse) SipParser.create().parse(ws.readText())).status()).isEqualTo(200);
    }
    assertThat(server.counters().malformedAnswered()).isEqualTo(1);
    assertThat(server.counters().malformedDropped()).isZero();
  }

  @Test
  void frameOverTheSizeLimitClosesTheConnection() throws IOException {
    try (RawWebSocket ws = RawWebSocket.connect(serverAddress)) {
      String body = "z".repeat(5000);
      ws.sendText(rawRequest("MESSAGE", "SIP/2.0/WS abc.invalid;branch=z9hG4bKbig", "big@x", "", body));
      assertThat(ws.awaitClosed()).isTrue();
    }
    assertThat(inbox.isEmpty()).isTrue();
  }

  // ---- a minimal WebSocket client, to send what the layer itself never would ----

  private String httpExchange(String request) throws IOException {
    try (Socket s = new Socket()) {
      s.setSoTimeout(5000);
      s.connect(serverAddress);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    }
  }

  static String upgradeRequest(String protocols) {
    return "GET / HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + "Sec-WebSocket-Protocol: " + protocols + "\r\n\r\n";
  }

  /** RFC 6455 by hand: handshake, masked text frames out, unmasked frames in. */
  static final class RawWebSocket implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    final String handshakeResponse;

    private RawWebSocket(Socket socket, String handshakeResponse) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.out = socket.getOutputStream();
      this.handshakeResponse = handshakeResponse;
    }

    static RawWebSocket connect(InetSocketAddress server) throws IOException {
      Socket s = new Socket();
      s.setSoTimeout(5000);
      s.connect(server);
      s.getOutputStream().write(upgradeRequest("sip").getBytes(StandardCharsets.US_ASCII));
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      InputStream in = s.getInputStream();
      while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        head.write(b);
      }
      return new RawWebSocket(s, head.toString(StandardCharsets.US_ASCII));
    }

    void sendText(String text) throws IOException {
      byte[] payload = bytes(text);
      ByteArrayOutputStream f = new ByteArrayOutputStream();
      f.write(0x81); // FIN, text
      if (payload.length < 126) {
        f.write(0x80 | payload.length);
      } else {
        f.write(0x80 | 126);
        f.write(payload.length >>> 8);
        f.write(payload.length & 0xff);
      }
      byte[] mask = new byte[4];
      ThreadLocalRandom.current().nextBytes(mask);
      f.write(mask);
      for (int i = 0; i < payload.length; i++) {
        f.write(payload[i] ^ mask[i % 4]);
      }
      out.write(f.toByteArray());
      out.flush();
    }

    /** The payload of the next text frame from the server. */
    String readText() throws IOException {
      int b0 = in.read();
      int b1 = in.read();
      if (b0 < 0 || b1 < 0) {
        throw new AssertionError("closed");
      }
      int len = b1 & 0x7f;
      if (len == 126) {
        len = (in.read() << 8) | in.read();
      }
      byte[] payload = in.readNBytes(len);
      assertThat(b0 & 0x0f).as("opcode").isEqualTo(1);
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** True once the server closed the TCP connection (after its close frame, if any). */
    boolean awaitClosed() {
      try {
        while (in.read() >= 0) {
          // skip the close frame
        }
        return true;
      } catch (java.net.SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true;
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
