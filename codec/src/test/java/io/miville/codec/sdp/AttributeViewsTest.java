package io.miville.codec.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** The typed views of rtpmap, fmtp, rtcp (RFC 3605) and the connection forms. */
class AttributeViewsTest {

  @Test
  void rtpmap() {
    RtpMap opus = RtpMap.parse("111 opus/48000/2");
    assertThat(opus).isEqualTo(RtpMap.of(111, "opus", 48000, 2));
    assertThat(opus.isDynamic()).isTrue();
    assertThat(opus.toAttribute().toString()).isEqualTo("rtpmap:111 opus/48000/2");
    assertThat(RtpMap.parse("0 PCMU/8000").channels()).isEqualTo(OptionalInt.empty());
    assertThat(RtpMap.parse("0 pcmu/8000").hasEncoding("PCMU")).isTrue();
    for (String bad : new String[] {"31 LPC", "x PCMU/8000", "128 a/1", "0 PCMU/0", "0 PCMU/8000/0",
        "0 PCMU/8000/1/2", "0", "0 /8000", "0 PCMU/8k"}) {
      assertThat(RtpMap.tryParse(bad)).as(bad).isEmpty();
    }
    assertThat(RtpMap.forStaticPayloadType(8)).contains(RtpMap.of(8, "PCMA", 8000));
    assertThat(RtpMap.forStaticPayloadType(10)).contains(RtpMap.of(10, "L16", 44100, 2));
    assertThat(RtpMap.forStaticPayloadType(96)).isEmpty();
    assertThat(RtpMap.findStatic("pcmu", 8000, 1)).contains(RtpMap.of(0, "PCMU", 8000));
    assertThat(RtpMap.findStatic("L16", 44100, 1).orElseThrow().payloadType()).isEqualTo(11);
    assertThat(RtpMap.findStatic("opus", 48000, 2)).isEmpty();
  }

  @Test
  void fmtp() {
    Fmtp f = Fmtp.parse("101 0-15");
    assertThat(f.format()).isEqualTo("101");
    assertThat(f.parameterMap()).containsEntry("0-15", "");
    Fmtp h264 = Fmtp.parse("97 profile-level-id=42e01f; packetization-mode=1");
    assertThat(h264.parameterMap()).containsExactly(
        java.util.Map.entry("profile-level-id", "42e01f"),
        java.util.Map.entry("packetization-mode", "1"));
    assertThat(h264.toString()).isEqualTo("97 profile-level-id=42e01f; packetization-mode=1");
    assertThat(Fmtp.tryParse("97")).isEmpty();
    assertThat(Fmtp.tryParse("97 ")).isEmpty();
  }

  @Test
  void rtcp() {
    assertThat(Rtcp.parse("53020")).isEqualTo(Rtcp.of(53020));
    assertThat(Rtcp.parse("53020 IN IP6 2001:db8::7"))
        .isEqualTo(Rtcp.of(53020, Connection.ip6("2001:db8::7")));
    assertThat(Rtcp.parse("53020 IN IP4 126.16.64.4").toString())
        .isEqualTo("53020 IN IP4 126.16.64.4");
    assertThat(Rtcp.tryParse("70000")).isEmpty();
    assertThat(Rtcp.tryParse("53020 IN IP4")).isEmpty();
    assertThat(Rtcp.tryParse("53020 IN IP4 192.0.2.1/3")).isEmpty();
  }

  @Test
  void connectionForms() {
    assertThat(Connection.parse("IN IP4 233.252.0.1/127").ttl()).hasValue(127);
    assertThat(Connection.parse("IN IP4 233.252.0.1/127/3").addressCount()).hasValue(3);
    assertThat(Connection.parse("IN IP4 233.252.0.1/0").toString())
        .isEqualTo("IN IP4 233.252.0.1/0");
    assertThat(Connection.parse("IN IP6 ff15::101/3").addressCount()).hasValue(3);
    assertThat(Connection.parse("IN IP6 ff15::101").isMulticast()).isTrue();
    assertThat(Connection.parse("IN IP6 ::1").isMulticast()).isFalse();
    assertThat(Connection.parse("IN IP4 host.example.com").address())
        .isEqualTo("host.example.com");
    assertThat(Connection.parse("IN IP6 host.example.com").address())
        .isEqualTo("host.example.com");
    assertThatThrownBy(() -> Connection.ip4("233.252.0.1"))
        .hasMessage("IPv4 multicast address needs a TTL");
    assertThatThrownBy(() -> Connection.parse("IN IP6 [::1]"))
        .hasMessage("IPv6 address in brackets");
    assertThatThrownBy(() -> Connection.parse("IN IP6 ::1/64"))
        .hasMessage("address count on a unicast address");
  }

  @Test
  void attributesRefuseLineBreaks() {
    assertThatThrownBy(() -> Attribute.of("x", "a\r\nm=audio")).hasMessage("bad attribute value");
    assertThatThrownBy(() -> Attribute.of("x y")).hasMessage("bad attribute name");
    assertThatThrownBy(() -> Attribute.of("x", "")).hasMessage("bad attribute value");
  }
}
