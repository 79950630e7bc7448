package io.miville.bench;

import gov.nist.javax.sip.message.SIPMessage;
import io.miville.codec.SipMessage;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Via;
import javax.sip.header.CSeqHeader;
import javax.sip.header.ContentLengthHeader;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.ViaHeader;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reads, from a parsed message, the values a transaction layer needs for every message (RFC 3261
 * §17.1.3 / §17.2.3 matching and §8.2 checks): top Via branch, From tag, To URI, Call-ID, CSeq
 * number and method, Max-Forwards, Content-Length and Content-Type. Both stacks read the same
 * nine values so that lazy parsing, if a stack did it, is paid for.
 */
final class Touch {
  private Touch() {}

  static void miville(SipMessage m, Blackhole bh) {
    Via via = m.topVia().orElseThrow();
    bh.consume(via.branch().orElse(null));
    Address from = m.from().orElseThrow();
    bh.consume(from.tag().orElse(null));
    bh.consume(m.to().orElseThrow().uri());
    bh.consume(m.callId().orElseThrow());
    CSeq cseq = m.cseq().orElseThrow();
    bh.consume(cseq.sequence());
    bh.consume(cseq.method());
    bh.consume(m.maxForwards().orElse(-1));
    bh.consume(m.header(SipHeaders.CONTENT_LENGTH).orElse(-1).intValue());
    bh.consume(m.contentType().orElse(null));
  }

  static void jainSip(SIPMessage m, Blackhole bh) {
    ViaHeader via = m.getTopmostViaHeader();
    bh.consume(via.getBranch());
    bh.consume(m.getFromTag());
    bh.consume(m.getTo().getAddress().getURI());
    bh.consume(m.getCallId().getCallId());
    CSeqHeader cseq = m.getCSeq();
    bh.consume(cseq.getSeqNumber());
    bh.consume(cseq.getMethod());
    MaxForwardsHeader maxForwards = m.getMaxForwards();
    bh.consume(maxForwards == null ? -1 : maxForwards.getMaxForwards());
    ContentLengthHeader contentLength = m.getContentLength();
    bh.consume(contentLength == null ? -1 : contentLength.getContentLength());
    bh.consume(m.getContentTypeHeader());
  }

  /** The same nine values as text, to check in tests that both stacks read the same thing. */
  static String mivilleSummary(SipMessage m) {
    return String.join("|",
        m.topVia().orElseThrow().branch().orElse("-"),
        m.from().orElseThrow().tag().orElse("-"),
        m.to().orElseThrow().uri().toString(),
        m.callId().orElseThrow(),
        Long.toString(m.cseq().orElseThrow().sequence()),
        m.cseq().orElseThrow().method().name(),
        Integer.toString(m.maxForwards().orElse(-1)),
        Integer.toString(m.header(SipHeaders.CONTENT_LENGTH).orElse(-1)),
        m.contentType().map(Object::toString).orElse("-"));
  }

  static String jainSipSummary(SIPMessage m) {
    MaxForwardsHeader maxForwards = m.getMaxForwards();
    ContentLengthHeader contentLength = m.getContentLength();
    String fromTag = m.getFromTag();
    return String.join("|",
        m.getTopmostViaHeader().getBranch(),
        fromTag == null ? "-" : fromTag,
        m.getTo().getAddress().getURI().toString(),
        m.getCallId().getCallId(),
        Long.toString(m.getCSeq().getSeqNumber()),
        m.getCSeq().getMethod(),
        Integer.toString(maxForwards == null ? -1 : maxForwards.getMaxForwards()),
        Integer.toString(contentLength == null ? -1 : contentLength.getContentLength()),
        m.getContentTypeHeader() == null ? "-"
            : m.getContentTypeHeader().getContentType() + "/" + m.getContentTypeHeader().getContentSubType());
  }
}
