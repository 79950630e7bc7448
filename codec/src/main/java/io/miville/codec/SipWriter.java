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
    boolean shortForm = form == Form.SHORT && m.version() == SipVersion.PIS_1_0;
    SipMessage.Source source = m.source();
    if (source != null && source.verbatim() && !canonical && !shortForm) {
      // a parsed message written as it was read: copy its bytes
      return Arrays.copyOfRange(source.bytes(), 0, source.end());
    }
    String tid = shortForm ? m.header(HeaderName.TID).orElse(null) : null;
    HeaderField[] fields = m.fieldArray();
    // the size first, so that the buffer is allocated once, exactly
    byte[] startLine = null;
    int startLength;
    if (source != null && source.startLineLength() >= 0 && !shortForm) {
      startLength = source.startLineLength();
    } else {
      startLine = utf8(startLine(m, shortForm, tid));
      startLength = startLine.length;
    }
    int size = startLength + 4 + m.bodyLength();
    byte[][] values = null; // values written from their UTF-8 bytes, by index
    for (int i = 0; i < fields.length; i++) {
      HeaderField f = fields[i];
      if (tid != null && f.name().equals(HeaderName.TID)) {
        continue;
      }
      int length = canonical ? -1 : f.encodedLength();
      if (length < 0) {
        if (values == null) {
          values = new byte[fields.length][];
        }
        values[i] = utf8(canonical ? f.canonicalValue() : f.value());
        length = f.name().nameBytes().length + 4 + values[i].length;
      }
      size += length;
    }
    byte[] out = new byte[size];
    int n;
    if (startLine == null) {
      System.arraycopy(source.bytes(), 0, out, 0, startLength);
      n = startLength;
    } else {
      System.arraycopy(startLine, 0, out, 0, startLength);
      n = startLength;
    }
    out[n++] = '\r';
    out[n++] = '\n';
    for (int i = 0; i < fields.length; i++) {
      HeaderField f = fields[i];
      if (tid != null && f.name().equals(HeaderName.TID)) {
        continue;
      }
      if (values == null || values[i] == null) {
        n = f.writeTo(out, n);
      } else {
        n = put(out, n, f.name().nameBytes());
        out[n++] = ':';
        out[n++] = ' ';
        n = put(out, n, values[i]);
        out[n++] = '\r';
        out[n++] = '\n';
      }
    }
    out[n++] = '\r';
    out[n++] = '\n';
    m.writeBody(out, n);
    return out;
  }

  private static String startLine(SipMessage m, boolean shortForm, String tid) {
    StringBuilder b = new StringBuilder(64);
    if (m instanceof SipRequest r) {
      if (shortForm) {
        b.append(m.version().text()).append(' ').append(r.method().name());
      } else {
        b.append(r.method().name()).append(' ').append(r.uri()).append(' ').append(m.version().text());
      }
    } else {
      SipResponse s = (SipResponse) m;
      if (!shortForm || tid == null) {
        b.append(m.version().text()).append(' ');
      }
      b.append(s.status()).append(' ').append(s.reason());
    }
    if (tid != null) {
      b.append(" TID=").append(tid);
    }
    return b.toString();
  }

  private static int put(byte[] out, int at, byte[] bytes) {
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return at + bytes.length;
  }

  /** UTF-8 bytes of text (the JDK copies ASCII text as it is). */
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
