package io.miville.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipMessage;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipStreamDecoder;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Via;
import io.miville.codec.uri.Uri;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What the transport tests share: an inbox handler, request builders, a raw stream client. */
final class TestSupport {
  private TestSupport() {}

  static final InetSocketAddress LOOPBACK_ANY_PORT = new InetSocketAddress("127.0.0.1", 0);
  static final long WAIT_SECONDS = 5;
  private static final AtomicLong BRANCHES = new AtomicLong();

  /** Collects inbound messages; waits for them with a bound. */
  static final class Inbox implements InboundHandler {
    private final LinkedBlockingQueue<InboundMessage> queue = new LinkedBlockingQueue<>(10_000);

    @Override
    public void onMessage(InboundMessage message) {
      queue.add(message);
    }

    InboundMessage take() {
      try {
        InboundMessage m = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (m == null) {
          throw new AssertionError("no message within " + WAIT_SECONDS + " s");
        }
        return m;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    boolean isEmpty() {
      return queue.isEmpty();
    }
  }

  static SipTransportLayer.Builder layer(InboundHandler handler) {
    return SipTransportLayer.builder().handler(handler).ioThreads(2);
  }

  /** An OPTIONS request with every mandatory header, its Via naming {@code viaTransport host:port}. */
  static SipRequest options(String viaTransport, String host, int port, String callId) {
    return request(SipMethod.OPTIONS, viaTransport, host, port, callId);
  }

  static SipRequest request(SipMethod method, String viaTransport, String host, int port, String callId) {
    return SipRequest.builder(method, Uri.parse("sip:bob@example.com"))
        .header(SipHeaders.VIA, Via.create(viaTransport, host, port, Via.MAGIC_COOKIE + "t" + BRANCHES.incrementAndGet()))
        .header(SipHeaders.MAX_FORWARDS, 70)
        .header(SipHeaders.FROM, Address.of(Uri.parse("sip:alice@example.com")).withTag("a1"))
        .header(SipHeaders.TO, Address.of(Uri.parse("sip:bob@example.com")))
        .header(SipHeaders.CALL_ID, callId)
        .header(SipHeaders.CSEQ, new CSeq(1, method))
        .build();
  }

  /** Raw text of a request, for writing by hand; {@code extra} lines end with CRLF. */
  static String rawRequest(String method, String via, String callId, String extra, String body) {
    return method + " sip:bob@example.com SIP/2.0\r\n"
        + "Via: " + via + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@example.com>;tag=a1\r\n"
        + "To: <sip:bob@example.com>\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 " + method + "\r\n"
        + extra
        + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n"
        + body;
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A plain blocking TCP client that reads SIP messages with the stream decoder. */
  static final class RawStreamClient implements AutoCloseable {
    final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final SipStreamDecoder decoder = SipStreamDecoder.create();
    private final Deque<SipMessage> messages = new ArrayDeque<>();
    private int pings;

    RawStreamClient(InetSocketAddress server) {
      try {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        socket.connect(server, 5000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void write(byte[] b) {
      try {
        out.write(b);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void write(String s) {
      write(bytes(s));
    }

    /** Reads exactly {@code n} raw bytes. */
    byte[] readRaw(int n) {
      try {
        return in.readNBytes(n);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The next SIP message from the server. */
    SipMessage readMessage() {
      byte[] buf = new byte[8192];
      while (messages.isEmpty()) {
        int n;
        try {
          n = in.read(buf);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (n < 0) {
          throw new AssertionError("connection closed before a message");
        }
        decoder.feed(buf, 0, n, new SipStreamDecoder.Listener() {
          @Override
          public void onMessage(SipMessage message) {
            messages.add(message);
          }

          @Override
          public void onPing() {
            pings++;
          }
        });
      }
      return messages.poll();
    }

    /** True once the server closed the connection (EOF or reset), within the bound. */
    boolean awaitClosed() {
      byte[] buf = new byte[4096];
      try {
        while (true) {
          if (in.read(buf) < 0) {
            return true;
          }
        }
      } catch (SocketTimeoutException e) {
        return false;
      } catch (IOException e) {
        return true; // reset by the server
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing
      }
    }
  }

  static void assertSameRequest(SipMessage got, SipMessage sent) {
    assertThat(got.startLine()).isEqualTo(sent.startLine());
    assertThat(got.callId()).isEqualTo(sent.callId());
    assertThat(got.cseq()).isEqualTo(sent.cseq());
  }
}
