package io.miville.codec.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipParseException;
import io.miville.codec.SipVersion;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Via (RFC 3261 §20.42, §18.2.1) with received/rport (RFC 3581) and IPv6 sent-by (RFC 5118). */
class ViaTest {

  private static Via via(String text) {
    return SipHeaders.VIA.parse(text);
  }

  @Test
  void partsOfAVia() {
    Via v = via("SIP/2.0/UDP pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5067;ttl=16;maddr=224.2.0.1");
    assertThat(v.protocol()).isEqualTo("SIP");
    assertThat(v.version()).isEqualTo("2.0");
    assertThat(v.transport()).isEqualTo("UDP");
    assertThat(v.host()).isEqualTo("pc33.atlanta.com");
    assertThat(v.port()).isEqualTo(OptionalInt.of(5066));
    assertThat(v.branch()).contains("z9hG4bK776asdhds");
    assertThat(v.hasRfc3261Branch()).isTrue();
    assertThat(v.received()).contains("192.0.2.1");
    assertThat(v.hasRport()).isTrue();
    assertThat(v.rport()).isEqualTo(OptionalInt.of(5067));
    assertThat(v.maddr()).contains("224.2.0.1");
    assertThat(v.params().get("ttl")).contains("16");
  }

  @Test
  void sentProtocolMayHaveWhiteSpaceAndIsWrittenWithout() {
    Via v = via("SIP / 2.0 / TCP  host.example.com ; branch = z9hG4bK1");
    assertThat(v.transport()).isEqualTo("TCP");
    assertThat(v.toString()).isEqualTo("SIP/2.0/TCP host.example.com;branch=z9hG4bK1");
  }

  @Test
  void ipv6SentByAndReceived() {
    Via v = via("SIP/2.0/UDP [2001:db8::9:1]:5060;received=2001:db8::9:255;rport=5061;branch=z9hG4bKa");
    assertThat(v.host()).isEqualTo("[2001:db8::9:1]");
    assertThat(v.port()).isEqualTo(OptionalInt.of(5060));
    assertThat(v.received()).contains("2001:db8::9:255");
    assertThat(via("SIP/2.0/UDP [::1];received=[::ffff:192.0.2.1]").received()).contains("[::ffff:192.0.2.1]");
    assertThat(via("SIP/2.0/UDP h;maddr=[ff02::1]").maddr()).contains("[ff02::1]");
  }

  @Test
  void rportWithoutValueIsAFlag() { // RFC 3581 §3
    Via v = via("SIP/2.0/UDP h.example.com;rport;branch=z9hG4bK1");
    assertThat(v.hasRport()).isTrue();
    assertThat(v.rport()).isEmpty();
    Via answered = v.withReceived("192.0.2.7").withRport(40000);
    assertThat(answered.toString()).isEqualTo("SIP/2.0/UDP h.example.com;rport=40000;branch=z9hG4bK1;received=192.0.2.7");
    assertThat(via(answered.toString())).isEqualTo(answered);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SIP/2.0/UDP h;ttl=256", "SIP/2.0/UDP h;ttl=-1", "SIP/2.0/UDP h;ttl", "SIP/2.0/UDP h;ttl=1x",
      "SIP/2.0/UDP h;rport=65536", "SIP/2.0/UDP h;rport=x", "SIP/2.0/UDP h;received=example.com",
      "SIP/2.0/UDP h;received=1.2.3.999", "SIP/2.0/UDP h;received", "SIP/2.0/UDP h;received=[1::2",
      "SIP/2.0/UDP h;maddr", "SIP/2.0/UDP h;maddr=-bad", "SIP/2.0/UDP h;branch", "SIP/2.0/UDP h;branch=",
      "SIP/2.0/UDP h:65536", "SIP/2.0/UDP h:", "SIP/2.0/UDP 2001:db8::1", "SIP/2.0/UDP [2001:db8::1",
      "SIP/2.0 h", "SIP/2.0/UDP", "SIP/2.0/UDPh", "SIP/2.0/UDP h;", "SIP/2.0/UDP h x", "SIP/2.0/UDP h,",
      "SIP/2.0/UDP h;branch=a b", "SIP/2.0/UDP h_h",
  })
  void malformedViasAreRefused(String text) {
    assertThatThrownBy(() -> via(text)).isInstanceOf(SipParseException.class);
  }

  @Test
  void ttlAndRportBounds() {
    assertThat(via("SIP/2.0/UDP h;ttl=0").params().get("ttl")).contains("0");
    assertThat(via("SIP/2.0/UDP h;ttl=255").params().get("ttl")).contains("255");
    assertThat(via("SIP/2.0/UDP h;rport=0").rport()).isEqualTo(OptionalInt.of(0));
    assertThat(via("SIP/2.0/UDP h;rport=65535").rport()).isEqualTo(OptionalInt.of(65535));
  }

  @Test
  void severalViasOnOneLine() {
    List<Via> vias = SipHeaders.VIA.parseLine("SIP/2.0/UDP a;branch=z9hG4bK1 , SIP/2.0/TCP [::1]:5070;branch=z9hG4bK2",
        SipVersion.SIP_2_0);
    assertThat(vias).extracting(Via::host).containsExactly("a", "[::1]");
    assertThat(SipHeaders.VIA.formatAll(vias)).isEqualTo("SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/TCP [::1]:5070;branch=z9hG4bK2");
  }

  @Test
  void createValidatesItsParts() {
    Via v = Via.create("tcp", "[2001:db8::1]", 5060, "z9hG4bK-x");
    assertThat(v.toString()).isEqualTo("SIP/2.0/TCP [2001:db8::1]:5060;branch=z9hG4bK-x");
    assertThat(Via.create("UDP", "h.example.com", -1, null).branch()).isEmpty();
    assertThatThrownBy(() -> Via.create("UDP", "bad host", 5060, "z9hG4bK1")).isInstanceOf(SipParseException.class);
    assertThatThrownBy(() -> Via.create("UDP", "h", 5060, "a;b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Via.create("UDP", "h", 5060, "")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void equalityIgnoresCaseOfTransportAndHost() {
    assertThat(via("SIP/2.0/udp H.Example.com;branch=z9hG4bK1")).isEqualTo(via("SIP/2.0/UDP h.example.com;branch=z9hG4bK1"));
    assertThat(via("SIP/2.0/UDP h;branch=z9hG4bK1")).isNotEqualTo(via("SIP/2.0/UDP h;branch=z9hG4bK2"));
  }
}
