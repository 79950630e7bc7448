package io.miville.transaction;

import io.miville.codec.HeaderField;
import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Via;
import io.miville.codec.uri.Uri;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** Builds the requests the transaction layer and simple TUs derive from others. */
public final class Requests {
  private Requests() {}

  /** A new branch: the RFC 3261 magic cookie and 96 random bits (§8.1.1.7). */
  public static String newBranch() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    return Via.MAGIC_COOKIE + HexFormat.of().toHexDigits(r.nextLong()) + HexFormat.of().toHexDigits(r.nextInt());
  }

  /** A new From or To tag with 64 random bits (§19.3). */
  public static String newTag() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }

  /**
   * The ACK for a 2xx response to {@code invite} (RFC 3261 §13.2.2.4), for a TU without a dialog
   * layer of its own: Request-URI is the 2xx's Contact (the remote target) or else the INVITE's;
   * To comes from the 2xx (with its tag); Call-ID, From and the CSeq number from the INVITE; the
   * route set is the 2xx's Record-Route in reverse (loose routing). It has no Via: {@link
   * TransactionLayer#sendAck} adds one with a new branch, since this ACK is its own transaction.
   */
  public static SipRequest ackFor2xx(SipRequest invite, SipResponse success) {
    if (!invite.method().equals(SipMethod.INVITE) || !success.isSuccess()) {
      throw new IllegalArgumentException("an ACK for a 2xx needs an INVITE and its 2xx");
    }
    Uri target = success.contacts().stream()
        .filter(a -> !a.isWildcard()).findFirst().map(Address::uri).orElse(invite.uri());
    SipRequest.Builder b = SipRequest.builder(SipMethod.ACK, target).version(invite.version());
    List<Address> routes = new ArrayList<>(success.headers(SipHeaders.RECORD_ROUTE));
    java.util.Collections.reverse(routes);
    b.header(SipHeaders.MAX_FORWARDS, 70);
    b.header(SipHeaders.FROM, invite.from().orElseThrow());
    b.header(SipHeaders.TO, success.to().orElseThrow());
    b.header(SipHeaders.CALL_ID, invite.callId().orElseThrow());
    b.header(SipHeaders.CSEQ, new CSeq(invite.cseq().orElseThrow().sequence(), SipMethod.ACK));
    b.headers(SipHeaders.ROUTE, routes);
    return b.build();
  }

  /**
   * The CANCEL for {@code request} (RFC 3261 §9.1): same Request-URI, Call-ID, From, To and CSeq
   * number, CSeq method CANCEL, one Via equal to the request's top Via (same branch), the same
   * Route headers, no body.
   */
  public static SipRequest cancel(SipRequest request) {
    SipRequest.Builder b = SipRequest.builder(SipMethod.CANCEL, request.uri()).version(request.version());
    b.header(SipHeaders.VIA, request.topVia().orElseThrow());
    b.header(SipHeaders.MAX_FORWARDS, 70);
    copy(request, b, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID);
    b.header(SipHeaders.CSEQ, new CSeq(request.cseq().orElseThrow().sequence(), SipMethod.CANCEL));
    copy(request, b, HeaderName.ROUTE);
    return b.build();
  }

  /**
   * The ACK an INVITE client transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3):
   * Request-URI, Call-ID, From and CSeq number of the INVITE, To of the response, one Via equal
   * to the INVITE's top Via, the INVITE's Route headers.
   */
  static SipRequest ackForFailure(SipRequest invite, SipResponse failure) {
    SipRequest.Builder b = SipRequest.builder(SipMethod.ACK, invite.uri()).version(invite.version());
    b.header(SipHeaders.VIA, invite.topVia().orElseThrow());
    b.header(SipHeaders.MAX_FORWARDS, 70);
    copy(invite, b, HeaderName.FROM);
    failure.header(HeaderName.TO).ifPresentOrElse(
        to -> b.header(HeaderName.TO, to), () -> copy(invite, b, HeaderName.TO));
    copy(invite, b, HeaderName.CALL_ID);
    b.header(SipHeaders.CSEQ, new CSeq(invite.cseq().orElseThrow().sequence(), SipMethod.ACK));
    copy(invite, b, HeaderName.ROUTE);
    return b.build();
  }

  /** {@code request} with {@code vias} as its Via lines, placed first. */
  static SipRequest withVias(SipRequest request, List<Via> vias) {
    SipRequest.Builder b = request.toBuilder();
    Set<HeaderName> names = new LinkedHashSet<>();
    for (HeaderField f : request.headerFields()) {
      names.add(f.name());
    }
    names.forEach(b::remove);
    b.headers(SipHeaders.VIA, vias);
    for (HeaderField f : request.headerFields()) {
      if (!f.name().equals(HeaderName.VIA) && !f.name().equals(HeaderName.CONTENT_LENGTH)) {
        b.header(f.name(), f.value());
      }
    }
    return b.build();
  }

  private static void copy(SipRequest from, SipRequest.Builder to, HeaderName... names) {
    for (HeaderName n : names) {
      for (String v : from.headers(n)) {
        to.header(n, v);
      }
    }
  }
}
