package io.miville.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes messages as bytes. The standard form is the default; draft-pis-00's short form
 * ({@code PIS/1.0 SEEK} with the target in To, {@code 100 INFO TID=1}) is written on request
 * for PIS/1.0 messages.
 */
public final class SipWriter {
  private SipWriter() {}

  /** How the start line of a PIS/1.0 message is written. */
  public enum Form {
    /** {@code SEEK sip:rc@latrine1.loo.com PIS/1.0}: the RFC 3261 shape, always valid. */
    STANDARD,
    /** {@code PIS/1.0 SEEK} / {@code PIS/1.0 FLUSH TID=1} / {@code 100 INFO TID=1}, as in the draft. */
    SHORT
  }

  /** The message in standard form, header values as they were read or built. */
  public static byte[] encode(SipMessage m) {
    return encode(m, Form.STANDARD, false);
  }

  /**
   * The message in the given form.
   *
   * @param canonical if true, header names are written in their long form and typed values are
   *     re-written from their parsed form (folding and odd spacing go away)
   */
  public static byte[] encode(SipMessage m, Form form, boolean canonical) {
    Sink out = new Sink(256 + m.bodyLength() + m.headerFields().size() * 48);
    boolean shortForm = form == Form.SHORT && m.version() == SipVersion.PIS_1_0;
    String tid = shortForm ? m.header(HeaderName.TID).orElse(null) : null;
    if (m instanceof SipRequest r) {
      if (shortForm) {
        out.ascii(m.version().text()).ascii(" ").ascii(r.method().name());
      } else {
        out.ascii(r.method().name()).ascii(" ").text(r.uri().toString()).ascii(" ").ascii(m.version().text());
      }
    } else {
      SipResponse s = (SipResponse) m;
      if (!shortForm || tid == null) {
        out.ascii(m.version().text()).ascii(" ");
      }
      out.ascii(Integer.toString(s.status())).ascii(" ").text(s.reason());
    }
    if (tid != null) {
      out.ascii(" TID=").ascii(tid);
    }
    out.crlf();
    for (HeaderField f : m.headerFields()) {
      if (tid != null && f.name().equals(HeaderName.TID)) {
        continue;
      }
      out.ascii(f.name().name()).ascii(": ").text(canonical ? f.canonicalValue() : f.value()).crlf();
    }
    out.crlf();
    out.bytes(m.bodyUnsafe());
    return out.toArray();
  }

  /** A growable byte buffer with an ASCII fast path. */
  private static final class Sink {
    private byte[] buf;
    private int n;

    Sink(int capacity) {
      buf = new byte[capacity];
    }

    private void ensure(int more) {
      if (n + more > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, n + more));
      }
    }

    Sink ascii(String s) {
      int len = s.length();
      ensure(len);
      for (int i = 0; i < len; i++) {
        buf[n++] = (byte) s.charAt(i);
      }
      return this;
    }

    /** Text that may hold non-ASCII characters, written as UTF-8. */
    Sink text(String s) {
      int len = s.length();
      ensure(len);
      for (int i = 0; i < len; i++) {
        char c = s.charAt(i);
        if (c >= 0x80) {
          n -= i;
          return bytes(s.getBytes(StandardCharsets.UTF_8));
        }
        buf[n++] = (byte) c;
      }
      return this;
    }

    Sink bytes(byte[] b) {
      ensure(b.length);
      System.arraycopy(b, 0, buf, n, b.length);
      n += b.length;
      return this;
    }

    void crlf() {
      ensure(2);
      buf[n++] = '\r';
      buf[n++] = '\n';
    }

    byte[] toArray() {
      return n == buf.length ? buf : Arrays.copyOf(buf, n);
    }
  }
}
