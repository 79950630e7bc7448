package io.miville.codec.header;

import io.miville.codec.SipMethod;
import io.miville.codec.SipVersion;
import io.miville.codec.internal.Cursor;
import java.util.Objects;

/**
 * The CSeq header (RFC 3261 §20.16): a sequence number below 2^31 and the request method.
 *
 * @param sequence 0 to 2^31-1
 * @param method the method of the request this CSeq belongs to
 */
public record CSeq(long sequence, SipMethod method) {
  /** The largest sequence number RFC 3261 §8.1.1.5 allows. */
  public static final long MAX = 0x7FFF_FFFFL;

  public CSeq {
    Objects.requireNonNull(method, "method");
    if (sequence < 0 || sequence > MAX) {
      throw new IllegalArgumentException("CSeq out of range: " + sequence);
    }
  }

  static CSeq parse(Cursor c, SipVersion version) {
    int start = c.pos();
    long seq = c.digits(10, "CSeq number");
    if (seq > MAX) {
      c.pos(start);
      throw c.fail("CSeq number too large");
    }
    if (!c.skipWs()) {
      throw c.fail("expected space in CSeq");
    }
    return new CSeq(seq, Grammar.method(c, "expected CSeq method"));
  }

  @Override
  public String toString() {
    return sequence + " " + method;
  }
}
