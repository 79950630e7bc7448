package io.miville.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Via;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** RFC 3261 §18.2.1/§18.2.2 and RFC 3581 §4, without sockets. */
class ViaRoutingTest {
  private static final InetSocketAddress SOURCE = new InetSocketAddress("198.51.100.7", 40123);
  private static final Flow UDP_FLOW = new Flow(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060), SOURCE, 0);

  private static SipRequest request(String via) {
    return (SipRequest) SipParser.create().parse(TestSupport.rawRequest("OPTIONS", via, "v@x", "", ""));
  }

  @Test
  void sentByEqualToSourceIsLeftAlone() {
    SipRequest r = request("SIP/2.0/UDP 198.51.100.7:5060;branch=z9hG4bK1");
    assertThat(ViaRouting.stampReceived(r, SOURCE)).isSameAs(r);
  }

  @Test
  void otherHostGetsReceived() {
    Via top = ViaRouting.stampReceived(request("SIP/2.0/UDP pc33.example.com;branch=z9hG4bK1"), SOURCE)
        .topVia().orElseThrow();
    assertThat(top.received()).contains("198.51.100.7");
    assertThat(top.hasRport()).isFalse();
  }

  @Test
  void emptyRportIsFilledAndReceivedAlwaysAdded() {
    // RFC 3581 §4: received is added even when sent-by equals the source
    Via top = ViaRouting.stampReceived(request("SIP/2.0/UDP 198.51.100.7:5060;rport;branch=z9hG4bK1"), SOURCE)
        .topVia().orElseThrow();
    assertThat(top.rport()).hasValue(40123);
    assertThat(top.received()).contains("198.51.100.7");
    assertThat(top.branch()).contains("z9hG4bK1");
  }

  @Test
  void onlyTheTopViaChangesAndTheOthersKeepTheirOrder() {
    SipRequest r = (SipRequest) SipParser.create().parse("OPTIONS sip:bob@example.com SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bKa, SIP/2.0/UDP b.example.com;branch=z9hG4bKb\r\n"
        + "Max-Forwards: 70\r\n"
        + "Via: SIP/2.0/UDP c.example.com;branch=z9hG4bKc\r\n"
        + "From: <sip:alice@example.com>;tag=1\r\nTo: <sip:bob@example.com>\r\nCall-ID: order@x\r\n"
        + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n");
    SipRequest stamped = ViaRouting.stampReceived(r, SOURCE);
    assertThat(stamped.vias()).extracting(Via::host).containsExactly("a.example.com", "b.example.com", "c.example.com");
    assertThat(stamped.vias().get(0).received()).contains("198.51.100.7");
    assertThat(stamped.vias().subList(1, 3)).allSatisfy(v -> assertThat(v.received()).isEmpty());
    assertThat(stamped.callId()).isEqualTo(r.callId());
    // and it survives the wire
    assertThat(SipParser.create().parse(stamped.encode()).vias()).isEqualTo(stamped.vias());
  }

  @Test
  void ipv6SourcesAndBracketedSentByCompareAsAddresses() throws Exception {
    InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("2001:db8::9"), 5062);
    SipRequest same = request("SIP/2.0/UDP [2001:db8:0::9]:5062;branch=z9hG4bK6");
    assertThat(ViaRouting.stampReceived(same, v6)).isSameAs(same);
    Via other = ViaRouting.stampReceived(request("SIP/2.0/UDP [2001:db8::1];branch=z9hG4bK6"), v6).topVia().orElseThrow();
    assertThat(other.received()).contains("2001:db8::9");
    assertThat(ViaRouting.sameAddress("127.0.0.1", InetAddress.getByName("::ffff:127.0.0.1"))).isTrue();
    assertThat(ViaRouting.sameAddress("localhost", InetAddress.getByName("127.0.0.1"))).isFalse();
  }

  private static SipResponse response(String via) {
    return SipResponse.forRequest(request(via), 200).build();
  }

  @Test
  void udpResponseGoesToReceivedAndRport() {
    assertThat(ViaRouting.unreliableResponseDestination(
        response("SIP/2.0/UDP pc33.example.com:5070;received=192.0.2.4;rport=4000;branch=z9hG4bK1"), UDP_FLOW))
        .isEqualTo(new InetSocketAddress("192.0.2.4", 4000));
  }

  @Test
  void udpResponseWithoutRportGoesToTheSentByPortOrDefault() {
    assertThat(ViaRouting.unreliableResponseDestination(
        response("SIP/2.0/UDP pc33.example.com:5070;received=192.0.2.4;branch=z9hG4bK1"), UDP_FLOW))
        .isEqualTo(new InetSocketAddress("192.0.2.4", 5070));
    assertThat(ViaRouting.unreliableResponseDestination(response("SIP/2.0/UDP 192.0.2.5;branch=z9hG4bK1"), UDP_FLOW))
        .isEqualTo(new InetSocketAddress("192.0.2.5", 5060));
  }

  @Test
  void aNameWithoutReceivedIsNeverResolvedTheSourceIsUsed() {
    assertThat(ViaRouting.unreliableResponseDestination(response("SIP/2.0/UDP pc33.example.com:5070;branch=z9hG4bK1"),
        UDP_FLOW)).isEqualTo(new InetSocketAddress(SOURCE.getAddress(), 5070));
  }

  @Test
  void reliableResponseReconnectsToReceivedAndSentByPort() {
    Flow tls = new Flow(Transport.TLS, new InetSocketAddress("127.0.0.1", 5061), SOURCE, 9);
    assertThat(ViaRouting.reliableResponseDestination(
        response("SIP/2.0/TLS pc33.example.com;received=192.0.2.4;rport=4000;branch=z9hG4bK1"), tls))
        .isEqualTo(new InetSocketAddress("192.0.2.4", 5061));
  }
}
