package io.miville.session;

import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Via;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.transaction.Requests;
import java.net.InetSocketAddress;

/** Requests written by hand, as a foreign or faulty peer at {@code from} would send them. */
final class RawRequests {
  private RawRequests() {}

  private static SipRequest.Builder base(InetSocketAddress from, Uri target, SipMethod method) {
    Uri me = SipUri.create(false, "probe", from.getHostString(), from.getPort());
    return SipRequest.builder(method, target)
        .header(SipHeaders.VIA, Via.create("UDP", from.getHostString(), from.getPort(), Requests.newBranch()))
        .header(SipHeaders.MAX_FORWARDS, 70)
        .header(SipHeaders.FROM, Address.of(me).withTag(Requests.newTag()))
        .header(SipHeaders.TO, Address.of(target))
        .header(SipHeaders.CALL_ID, Requests.newTag() + "@probe")
        .header(SipHeaders.CSEQ, new CSeq(1, method))
        .header(SipHeaders.CONTACT, Address.of(me));
  }

  /** An INVITE with {@code json} as a Miville offer, or without body if null. */
  static SipRequest invite(InetSocketAddress from, Uri target, String json) {
    SipRequest.Builder b = base(from, target, SipMethod.INVITE);
    if (json != null) {
      b.body(Peer.JSON, json);
    }
    return b.build();
  }

  static SipRequest inDialog(InetSocketAddress from, Uri target, SipMethod method, String toTag) {
    return base(from, target, method).set(SipHeaders.TO, Address.of(target).withTag(toTag)).build();
  }

  static SipRequest outOfDialog(InetSocketAddress from, Uri target, SipMethod method) {
    return base(from, target, method).build();
  }
}
