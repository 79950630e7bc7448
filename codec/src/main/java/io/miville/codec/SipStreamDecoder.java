package io.miville.codec;

import java.util.Arrays;
import java.util.Objects;

/**
 * Cuts SIP messages out of a byte stream (TCP, TLS) as RFC 3261 §18.3 frames them: the header
 * section ends at the first empty line, and the {@code Content-Length} header, which is
 * mandatory on streams, gives the length of the body.
 *
 * <p>Feed it bytes in pieces of any size with {@link #feed}; it calls its {@link Listener} for
 * every whole message (parsed with {@link SipParser#parseFramed}) and for every keep-alive
 * "ping". Between messages it accepts the keep-alives of RFC 5626 §3.5.1: a double CRLF is a
 * ping that the transport answers with a single CRLF "pong"; a lone CRLF is skipped (RFC 3261
 * §7.5 lets CRLFs precede a start line).
 *
 * <p>It is an explicit state machine that never holds more than the limits of its
 * {@link CodecConfig}: a header section longer than {@code maxHeaderBytes}, or a
 * {@code Content-Length} that would make the message longer than {@code maxMessageBytes}, is
 * refused with status 413 before any of it is buffered; a start line over
 * {@code maxStartLineBytes} with 414 (request) or 400. When the bytes it is fed hold whole
 * messages it parses them in place, without copying; only the unfinished tail of a feed is
 * copied and kept.
 *
 * <p>Any malformed input ends the stream: {@link #feed} throws a {@link SipParseException}
 * (offset relative to the start of the failing message) and the decoder refuses further input,
 * since the framing of what follows can no longer be trusted. {@link #rejectedBytes()} then
 * holds the start of the failing message (at most {@code maxHeaderBytes}), from which a server
 * may salvage enough headers to answer it.
 *
 * <p>One decoder serves one stream and is not thread-safe; no I/O, no timers.
 */
public final class SipStreamDecoder {

  /** What the decoder found. Called on the thread that calls {@link #feed}; must not throw. */
  public interface Listener {
    /** One whole, well-formed message. */
    void onMessage(SipMessage message);

    /** A double-CRLF keep-alive ping between messages (RFC 5626 §3.5.1): answer with one CRLF. */
    void onPing();
  }

  private static final byte[] EMPTY = new byte[0];
  private static final int INITIAL_CAPACITY = 1024;
  /** A buffer above this size is released once it is empty, so idle streams hold little memory. */
  private static final int RETAINED_CAPACITY = 8192;

  private final CodecConfig config;
  private final SipParser parser;

  private byte[] buf = EMPTY;
  private int buffered;

  // between messages: keep-alive state
  private boolean pendingCr;
  private int emptyLines;

  // inside a message: offsets relative to its first byte
  private boolean inMessage;
  private int scanned;
  private int lineStart;
  private boolean firstLine;
  private int headerLength = -1;
  private int totalLength = -1;

  private boolean failed;
  private byte[] rejected = EMPTY;

  private SipStreamDecoder(CodecConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.parser = SipParser.create(config);
  }

  /** A decoder with {@link CodecConfig#DEFAULT}. */
  public static SipStreamDecoder create() {
    return new SipStreamDecoder(CodecConfig.DEFAULT);
  }

  public static SipStreamDecoder create(CodecConfig config) {
    return new SipStreamDecoder(config);
  }

  public CodecConfig config() {
    return config;
  }

  /**
   * Consumes {@code data[off, off+len)}, calling {@code listener} for each message and ping
   * completed by these bytes, in stream order.
   *
   * @throws SipParseException if the stream is malformed or over a limit; the decoder is then
   *     failed, and messages completed earlier in the same call have already been delivered
   * @throws IllegalStateException if the decoder failed before
   */
  public void feed(byte[] data, int off, int len, Listener listener) {
    Objects.checkFromIndexSize(off, len, data.length);
    Objects.requireNonNull(listener, "listener");
    if (failed) {
      throw new IllegalStateException("the stream decoder failed on malformed input; close the stream");
    }
    try {
      int end = off + len;
      if (buffered == 0) {
        stash(data, drain(data, off, end, listener), end);
        return;
      }
      while (off < end) {
        // append only what the current message may still need, so the buffer stays within limits
        int take = Math.min(end - off, room());
        append(data, off, take);
        off += take;
        compact(drain(buf, 0, buffered, listener));
        if (buffered == 0) {
          stash(data, drain(data, off, end, listener), end);
          return;
        }
      }
    } catch (RuntimeException e) {
      failed = true;
      throw e;
    }
  }

  /** Bytes held for an unfinished message. */
  public int buffered() {
    return buffered;
  }

  /** True once malformed input was seen; the stream should then be closed. */
  public boolean isFailed() {
    return failed;
  }

  /**
   * The first bytes (at most {@code maxHeaderBytes}) of the message that failed, for salvaging
   * headers to answer it; empty before a failure or if the failure was between messages.
   */
  public byte[] rejectedBytes() {
    return rejected.clone();
  }

  // ---- the state machine ----

  /**
   * Decodes whole messages and keep-alives from {@code a[s, e)}. Returns the offset of the
   * first byte not consumed: there an unfinished message starts, the rest must be kept.
   */
  private int drain(byte[] a, int s, int e, Listener listener) {
    int p = s;
    while (p < e) {
      if (!inMessage) {
        byte c = a[p];
        if (c == '\r') {
          if (pendingCr) {
            throw fail(SipParseException.badRequest(0, "bad keep-alive"), a, p, p);
          }
          pendingCr = true;
          p++;
          continue;
        }
        if (c == '\n') {
          if (!pendingCr && !config.allowBareLf()) {
            throw fail(SipParseException.badRequest(0, "line must end with CRLF"), a, p, p);
          }
          pendingCr = false;
          p++;
          if (++emptyLines == 2) {
            emptyLines = 0;
            listener.onPing();
          }
          continue;
        }
        if (pendingCr) {
          throw fail(SipParseException.badRequest(0, "bad keep-alive"), a, p, p);
        }
        emptyLines = 0;
        startMessage();
      }
      int available = e - p;
      if (headerLength < 0) {
        if (!scanHeader(a, p, e)) {
          return p;
        }
        int contentLength = contentLength(a, p, p + headerLength);
        if ((long) headerLength + contentLength > config.maxMessageBytes()) {
          throw fail(new SipParseException(headerLength, 413, "message too large"), a, p, e);
        }
        totalLength = headerLength + contentLength;
      }
      if (available < totalLength) {
        return p;
      }
      SipMessage message;
      try {
        message = parser.parseFramed(a, p, totalLength);
      } catch (SipParseException ex) {
        throw fail(ex.shifted(-p), a, p, p + totalLength);
      }
      p += totalLength;
      inMessage = false;
      listener.onMessage(message);
    }
    return p;
  }

  private void startMessage() {
    inMessage = true;
    scanned = 0;
    lineStart = 0;
    firstLine = true;
    headerLength = -1;
    totalLength = -1;
  }

  /**
   * Scans the header section of the message at {@code a[p]} from where the last call stopped.
   * Returns true once the empty line ending it is found ({@code headerLength} is then set).
   */
  private boolean scanHeader(byte[] a, int p, int e) {
    int limit = Math.min(e, p + config.maxHeaderBytes());
    for (int i = p + scanned; i < limit; i++) {
      byte c = a[i];
      if (c == '\n') {
        int rel = i - p;
        boolean crlf = rel > lineStart && a[i - 1] == '\r';
        if (!crlf && !config.allowBareLf()) {
          throw fail(SipParseException.badRequest(rel, "line must end with CRLF"), a, p, e);
        }
        int content = rel - lineStart - (crlf ? 1 : 0);
        if (firstLine) {
          checkStartLineLength(content, a, p, e);
          firstLine = false;
        } else if (content == 0) {
          headerLength = rel + 1;
          scanned = headerLength;
          return true;
        }
        lineStart = rel + 1;
      } else if (firstLine && ((c >= 0 && c < 0x20 && c != '\r' && c != '\t') || c == 0x7f)) {
        // binary garbage (a TLS hello on a TCP port, ...) is refused at once, not after 16 KB
        throw fail(SipParseException.badRequest(i - p, "control character in start line"), a, p, e);
      }
    }
    scanned = limit - p;
    if (firstLine) {
      checkStartLineLength(scanned - 2, a, p, e);
    }
    if (scanned >= config.maxHeaderBytes()) {
      throw fail(new SipParseException(config.maxHeaderBytes(), 413, "header section too large"), a, p, e);
    }
    return false;
  }

  /** The parser's start line rule, applied before the line is buffered whole. */
  private void checkStartLineLength(int length, byte[] a, int p, int e) {
    if (length > config.maxStartLineBytes()) {
      boolean looksLikeRequest = a[p] != 'S' && a[p] != 'P';
      throw fail(new SipParseException(0, looksLikeRequest ? 414 : 400, "start line too long"), a, p, e);
    }
  }

  /**
   * The value of {@code Content-Length} (or its compact form {@code l}) in the header section
   * {@code a[s, e)}. Required on streams (RFC 3261 §18.3, §20.14); several lines must agree.
   */
  private int contentLength(byte[] a, int s, int e) {
    long found = -1;
    int i = s;
    // skip the start line
    while (a[i] != '\n') {
      i++;
    }
    i++;
    while (i < e) {
      int nameStart = i;
      int nameEnd = i;
      while (nameEnd < e && a[nameEnd] != ':' && a[nameEnd] != ' ' && a[nameEnd] != '\t' && a[nameEnd] != '\n') {
        nameEnd++;
      }
      // the end of this header line, folded continuation lines included
      int lineEnd = nameEnd;
      while (true) {
        while (lineEnd < e && a[lineEnd] != '\n') {
          lineEnd++;
        }
        if (lineEnd + 1 < e && (a[lineEnd + 1] == ' ' || a[lineEnd + 1] == '\t')) {
          lineEnd++;
          continue;
        }
        break;
      }
      if (isContentLength(a, nameStart, nameEnd)) {
        long value = contentLengthValue(a, nameEnd, lineEnd, s);
        if (found >= 0 && found != value) {
          throw fail(SipParseException.badRequest(nameStart - s, "conflicting Content-Length"), a, s, e);
        }
        found = value;
      }
      i = lineEnd + 1;
    }
    if (found < 0) {
      throw fail(SipParseException.badRequest(e - s, "missing Content-Length"), a, s, e);
    }
    if (found > config.maxMessageBytes()) {
      throw fail(new SipParseException(e - s, 413, "message too large"), a, s, e);
    }
    return (int) found;
  }

  private static boolean isContentLength(byte[] a, int s, int e) {
    int n = e - s;
    if (n == 1) {
      return (a[s] | 0x20) == 'l';
    }
    if (n != 14) {
      return false;
    }
    String name = "content-length";
    for (int k = 0; k < n; k++) {
      if ((a[s + k] | 0x20) != name.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /** Content-Length = 1*DIGIT, with white space and folding around it. */
  private long contentLengthValue(byte[] a, int nameEnd, int lineEnd, int s) {
    int i = nameEnd;
    while (i < lineEnd && (a[i] == ' ' || a[i] == '\t')) {
      i++;
    }
    if (i >= lineEnd || a[i] != ':') {
      throw fail(SipParseException.badRequest(i - s, "bad Content-Length"), a, s, lineEnd);
    }
    i++;
    long value = 0;
    int digits = 0;
    boolean done = false;
    for (; i < lineEnd; i++) {
      byte c = a[i];
      if (c >= '0' && c <= '9' && !done) {
        if (++digits > 10) {
          throw fail(new SipParseException(i - s, 413, "message too large"), a, s, lineEnd);
        }
        value = value * 10 + (c - '0');
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        done = digits > 0;
      } else {
        throw fail(SipParseException.badRequest(i - s, "bad Content-Length"), a, s, lineEnd);
      }
    }
    if (digits == 0) {
      throw fail(SipParseException.badRequest(i - s, "bad Content-Length"), a, s, lineEnd);
    }
    return value;
  }

  /** Records the failure and keeps the start of the failing message for salvaging. */
  private SipParseException fail(SipParseException ex, byte[] a, int messageStart, int end) {
    failed = true;
    int n = Math.min(Math.max(0, end - messageStart), config.maxHeaderBytes());
    rejected = n == 0 ? EMPTY : Arrays.copyOfRange(a, messageStart, messageStart + n);
    return ex;
  }

  // ---- the buffer ----

  /** How many more bytes the unfinished message may take. */
  private int room() {
    return totalLength >= 0 ? totalLength - buffered : config.maxHeaderBytes() - buffered;
  }

  private void append(byte[] data, int off, int len) {
    ensureCapacity(buffered + len);
    System.arraycopy(data, off, buf, buffered, len);
    buffered += len;
  }

  /** Keeps {@code data[from, end)}, the start of an unfinished message, when the buffer is empty. */
  private void stash(byte[] data, int from, int end) {
    if (from < end) {
      append(data, from, end - from);
    }
  }

  /** Drops the consumed {@code buf[0, consumed)}. */
  private void compact(int consumed) {
    int rest = buffered - consumed;
    if (rest > 0 && consumed > 0) {
      System.arraycopy(buf, consumed, buf, 0, rest);
    }
    buffered = rest;
    if (rest == 0 && buf.length > RETAINED_CAPACITY) {
      buf = EMPTY;
    }
  }

  private void ensureCapacity(int needed) {
    if (needed <= buf.length) {
      return;
    }
    int cap = Math.max(INITIAL_CAPACITY, buf.length);
    while (cap < needed) {
      cap *= 2;
    }
    buf = Arrays.copyOf(buf, Math.min(cap, Math.max(needed, config.maxMessageBytes())));
  }
}
