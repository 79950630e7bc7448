package io.miville.bench;

import gov.nist.javax.sip.message.SIPMessage;
import io.miville.codec.SipMessage;

/** Fails a benchmark at setup if the two stacks did not read the same values from a message. */
final class Sanity {
  private Sanity() {}

  static void check(Messages which, SipMessage miville, SIPMessage jainSip) {
    String a = Touch.mivilleSummary(miville);
    String b = Touch.jainSipSummary(jainSip);
    if (!a.equals(b)) {
      throw new IllegalStateException(which + ": Miville read " + a + " but JAIN-SIP read " + b);
    }
    byte[] jainSipBody = jainSip.getRawContent();
    if (miville.bodyLength() != (jainSipBody == null ? 0 : jainSipBody.length)) {
      throw new IllegalStateException(which + ": body lengths differ");
    }
  }
}
