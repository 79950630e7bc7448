package io.miville.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipMethod;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.uri.Uri;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Dialog state and in-dialog requests (RFC 3261 §12), on messages as the wire has them. */
class DialogTest {
  private static final SipParser PARSER = SipParser.create();

  private static final String INVITE = """
      INVITE sip:bob@biloxi.example.com SIP/2.0\r
      Via: SIP/2.0/UDP p1.example.com;branch=z9hG4bKnashds8\r
      Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK74bf9\r
      Record-Route: <sip:p2.example.com;lr>\r
      Record-Route: <sip:p1.example.com;lr>\r
      Max-Forwards: 69\r
      From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r
      To: Bob <sip:bob@biloxi.example.com>\r
      Call-ID: 3848276298220188511@atlanta.example.com\r
      CSeq: 7 INVITE\r
      Contact: <sip:alice@pc33.atlanta.example.com>\r
      Content-Length: 0\r
      \r
      """;

  private static final String OK = """
      SIP/2.0 200 OK\r
      Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bK74bf9\r
      Record-Route: <sip:p2.example.com;lr>\r
      Record-Route: <sip:p1.example.com;lr>\r
      From: Alice <sip:alice@atlanta.example.com>;tag=9fxced76sl\r
      To: Bob <sip:bob@biloxi.example.com>;tag=8321234356\r
      Call-ID: 3848276298220188511@atlanta.example.com\r
      CSeq: 7 INVITE\r
      Contact: <sip:bob@client.biloxi.example.com>\r
      Content-Length: 0\r
      \r
      """;

  private static SipRequest invite() {
    return (SipRequest) PARSER.parse(INVITE);
  }

  private static SipResponse ok() {
    return (SipResponse) PARSER.parse(OK);
  }

  @Test
  void theCallerBuildsItsDialogFromThe2xx() {
    Dialog d = Dialog.asUac(invite(), ok());
    assertThat(d.id()).isEqualTo(new DialogId("3848276298220188511@atlanta.example.com", "9fxced76sl", "8321234356"));
    assertThat(d.isEarly()).isFalse();
    assertThat(d.localSequence()).hasValue(7);
    assertThat(d.remoteSequence()).isEmpty();
    assertThat(d.remoteTarget()).isEqualTo(Uri.parse("sip:bob@client.biloxi.example.com"));
    // §12.1.2: Record-Route in reverse
    assertThat(d.routeSet()).extracting(a -> a.uri().toString())
        .containsExactly("sip:p1.example.com;lr", "sip:p2.example.com;lr");
    assertThat(d.nextHop()).isEqualTo(Uri.parse("sip:p1.example.com;lr"));
  }

  @Test
  void theCalleeBuildsItsDialogFromTheInvite() {
    Dialog d = Dialog.asUas(invite(), "8321234356");
    assertThat(d.id()).isEqualTo(new DialogId("3848276298220188511@atlanta.example.com", "8321234356", "9fxced76sl"));
    assertThat(d.isEarly()).isTrue();
    assertThat(d.confirmed().isEarly()).isFalse();
    assertThat(d.localSequence()).isEmpty();
    assertThat(d.remoteSequence()).hasValue(7);
    assertThat(d.remoteTarget()).isEqualTo(Uri.parse("sip:alice@pc33.atlanta.example.com"));
    // §12.1.1: Record-Route in order
    assertThat(d.routeSet()).extracting(a -> a.uri().toString())
        .containsExactly("sip:p2.example.com;lr", "sip:p1.example.com;lr");
    assertThat(d.localParty().tag()).contains("8321234356");
    assertThat(d.remoteParty().tag()).contains("9fxced76sl");
  }

  @Test
  void requestsInTheDialogFollowTheLooseRouteSet() {
    Dialog d = Dialog.asUac(invite(), ok());
    assertThatThrownBy(() -> Dialog.asUas(invite(), "t").request(SipMethod.BYE))
        .isInstanceOf(IllegalStateException.class);
    Dialog next = d.withNextLocalSequence();
    SipRequest bye = next.request(SipMethod.BYE).build();
    assertThat(bye.uri()).isEqualTo(d.remoteTarget());
    assertThat(bye.headers(SipHeaders.ROUTE)).extracting(a -> a.uri().toString())
        .containsExactly("sip:p1.example.com;lr", "sip:p2.example.com;lr");
    assertThat(bye.cseq().orElseThrow().sequence()).isEqualTo(8);
    assertThat(bye.from().flatMap(Address::tag)).contains("9fxced76sl");
    assertThat(bye.to().flatMap(Address::tag)).contains("8321234356");
    assertThat(bye.callId()).contains(d.callId());
    // an ACK reuses the INVITE's number
    assertThat(next.ack(7).build().cseq().orElseThrow().sequence()).isEqualTo(7);
    // the peer's dialog recognises it
    Dialog peer = Dialog.asUas(invite(), "8321234356").confirmed();
    assertThat(peer.matches(bye)).isTrue();
    assertThat(peer.isInOrder(8)).isTrue();
  }

  @Test
  void aStrictRouterGetsTheRequestUriAndTheTargetGoesLast() {
    SipResponse strict = ok().toBuilder().remove(io.miville.codec.HeaderName.RECORD_ROUTE)
        .header(SipHeaders.RECORD_ROUTE, Address.of(Uri.parse("sip:strict.example.com")))
        .header(SipHeaders.RECORD_ROUTE, Address.of(Uri.parse("sip:p1.example.com;lr"))).build();
    Dialog d = Dialog.asUac(invite(), strict).withNextLocalSequence();
    // route set (reversed): p1 (loose) first: the Request-URI stays the target
    assertThat(d.request(SipMethod.BYE).build().uri()).isEqualTo(d.remoteTarget());
    SipResponse strictFirst = ok().toBuilder().remove(io.miville.codec.HeaderName.RECORD_ROUTE)
        .header(SipHeaders.RECORD_ROUTE, Address.of(Uri.parse("sip:p1.example.com;lr")))
        .header(SipHeaders.RECORD_ROUTE, Address.of(Uri.parse("sip:strict.example.com;maddr=10.0.0.1"))).build();
    Dialog s = Dialog.asUac(invite(), strictFirst).withNextLocalSequence();
    SipRequest bye = s.request(SipMethod.BYE).build();
    assertThat(bye.uri()).isEqualTo(Uri.parse("sip:strict.example.com;maddr=10.0.0.1"));
    assertThat(bye.headers(SipHeaders.ROUTE)).extracting(a -> a.uri().toString())
        .containsExactly("sip:p1.example.com;lr", "sip:bob@client.biloxi.example.com");
    assertThat(s.nextHop()).isEqualTo(bye.uri());
  }

  @Test
  void inDialogChecksFollowSection12Point2Point2() {
    Dialog d = Dialog.asUas(invite(), "8321234356").confirmed();
    assertThat(d.isInOrder(6)).isFalse();
    assertThat(d.isInOrder(7)).isFalse();
    assertThat(d.isInOrder(8)).isTrue();
    assertThat(d.withRemoteSequence(20).isInOrder(19)).isFalse();
    // a UAC dialog has an empty remote CSeq: anything is in order
    assertThat(Dialog.asUac(invite(), ok()).isInOrder(1)).isTrue();
    SipRequest foreign = Dialog.asUac(invite(), ok().toBuilder()
        .set(SipHeaders.TO, Address.of(Uri.parse("sip:bob@biloxi.example.com")).withTag("other")).build())
        .withNextLocalSequence().request(SipMethod.BYE).build();
    assertThat(d.matches(foreign)).isFalse();
  }

  @Test
  void aTargetRefreshChangesOnlyTheTarget() {
    Dialog d = Dialog.asUac(invite(), ok());
    Dialog moved = d.withRemoteTarget(Uri.parse("sip:bob@192.0.2.77"));
    assertThat(moved.remoteTarget()).isEqualTo(Uri.parse("sip:bob@192.0.2.77"));
    assertThat(moved.routeSet()).isEqualTo(d.routeSet());
    assertThat(moved.id()).isEqualTo(d.id());
    assertThat(List.of(d.remoteTarget())).containsExactly(Uri.parse("sip:bob@client.biloxi.example.com"));
  }

  @Test
  void aProvisionalResponseWithATagMakesAnEarlyDialog() {
    SipResponse ringing = ok().toBuilder().status(180).reason("Ringing").build();
    assertThat(Dialog.asUac(invite(), ringing).isEarly()).isTrue();
    SipResponse trying = ok().toBuilder().status(100).reason("Trying").build();
    assertThatThrownBy(() -> Dialog.asUac(invite(), trying)).isInstanceOf(IllegalArgumentException.class);
  }
}
