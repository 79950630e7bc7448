package io.miville.codec.header;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.codec.SipMethod;
import io.miville.codec.SipParseException;
import io.miville.codec.SipVersion;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSeq, Call-ID, Content-Type, Warning and Retry-After (RFC 3261 §20). */
class ValueHeadersTest {

  private static void refused(HeaderType<?> type, String text) {
    assertThatThrownBy(() -> type.parseLine(text, SipVersion.SIP_2_0)).as(text).isInstanceOf(SipParseException.class);
  }

  @Test
  void cseqBounds() { // RFC 3261 §8.1.1.5: less than 2^31
    assertThat(SipHeaders.CSEQ.parse("0 INVITE")).isEqualTo(new CSeq(0, SipMethod.INVITE));
    assertThat(SipHeaders.CSEQ.parse("2147483647 ACK").sequence()).isEqualTo(CSeq.MAX);
    assertThat(SipHeaders.CSEQ.parse("7   FOO.bar").method().name()).isEqualTo("FOO.bar");
    for (String bad : new String[] {"2147483648 INVITE", "99999999999 INVITE", "-1 INVITE", "1", "INVITE", "1INVITE",
        "1 INVITE x", "1 IN(VITE", "", "0x1 INVITE"}) {
      refused(SipHeaders.CSEQ, bad);
    }
    assertThatThrownBy(() -> new CSeq(CSeq.MAX + 1, SipMethod.INVITE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CSeq(-1, SipMethod.INVITE)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"f81d4fae-7dec-11d0-a765-00a0c91e6bf6@foo.bar.com", "a", "a@b",
      "-.!%*_+`'~()<>:\\\"/[]?{}", "x@-.!%*_+`'~()<>:\\\"/[]?{}", "1234@[2001:db8::1]"})
  void callIdIsWordOptionallyAtWord(String id) { // RFC 3261 §25.1 callid = word [ "@" word ]
    assertThat(SipHeaders.CALL_ID.parse(id)).isEqualTo(id);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a@b@c", "@a", "a@", "a;b", "a,b", "a=b", "a&b", "a\u00e9", "a#b", "a$b", "a|b"})
  void callIdOutsideTheWordCharactersIsRefused(String id) {
    refused(SipHeaders.CALL_ID, id);
  }

  @Test
  void contentType() { // RFC 3261 §20.15
    MediaType t = SipHeaders.CONTENT_TYPE.parse("application/sdp ; charset = \"UTF-8\"");
    assertThat(t.type()).isEqualTo("application");
    assertThat(t.subtype()).isEqualTo("sdp");
    assertThat(t.params().get("charset")).contains("\"UTF-8\"");
    assertThat(t.params().unquoted("charset")).contains("UTF-8");
    assertThat(t.toString()).isEqualTo("application/sdp;charset=\"UTF-8\"");
    assertThat(SipHeaders.CONTENT_TYPE.parse("Application/SDP")).isEqualTo(MediaType.APPLICATION_SDP);
    assertThat(MediaType.parse("multipart/mixed;boundary=unique-boundary-1").params().get("boundary"))
        .contains("unique-boundary-1");
    assertThat(MediaType.of("text", "*").matches(MediaType.TEXT_PLAIN)).isTrue();
    assertThat(MediaType.APPLICATION_SDP.matches(MediaType.TEXT_PLAIN)).isFalse();
    for (String bad : new String[] {"application", "application/", "/sdp", "application/sdp;", "application/sdp;charset",
        "application/sdp;charset=", "text/plain x", "text/pl ain", "text/plain,text/html", "text/plain;a=\"b"}) {
      refused(SipHeaders.CONTENT_TYPE, bad);
    }
    assertThatThrownBy(() -> MediaType.of("a b", "c")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void warning() { // RFC 3261 §20.43
    List<Warning> ws = SipHeaders.WARNING.parseLine(
        "307 isi.edu \"Session parameter 'foo' not understood\", 301 [2001:db8::1]:5060 \"Incompatible \\\"x\\\"\"",
        SipVersion.SIP_2_0);
    assertThat(ws).hasSize(2);
    assertThat(ws.get(0).code()).isEqualTo(307);
    assertThat(ws.get(0).agent()).isEqualTo("isi.edu");
    assertThat(ws.get(0).text()).isEqualTo("Session parameter 'foo' not understood");
    assertThat(ws.get(1).agent()).isEqualTo("[2001:db8::1]:5060");
    assertThat(ws.get(1).text()).isEqualTo("Incompatible \"x\"");
    assertThat(SipHeaders.WARNING.formatAll(ws))
        .isEqualTo("307 isi.edu \"Session parameter 'foo' not understood\", 301 [2001:db8::1]:5060 \"Incompatible \\\"x\\\"\"");
    assertThat(SipHeaders.WARNING.parse("399 devnull \"\"").text()).isEmpty();
    // warn-code = 3DIGIT: a leading zero is read, and written back
    Warning low = SipHeaders.WARNING.parse("052 h \"t\"");
    assertThat(low.code()).isEqualTo(52);
    assertThat(low.toString()).isEqualTo("052 h \"t\"");
    for (String bad : new String[] {"30 isi.edu \"x\"", "3070 isi.edu \"x\"", "307 isi.edu x", "307  isi.edu \"x\"",
        "307 isi.edu", "307 \"x\"", "307 is;i \"x\"", "307 isi.edu \"x", "Turbulence | Rough-Seas"}) {
      refused(SipHeaders.WARNING, bad);
    }
    // draft-pis-00 §2.1: a PIS message may name conditions instead
    assertThat(SipHeaders.WARNING.parseLine("Turbulence | Rough-Seas", SipVersion.PIS_1_0).get(0).conditions())
        .containsExactly("Turbulence", "Rough-Seas");
    // conditions that start like a warn-code still read as conditions, also once written
    Warning digits = SipHeaders.WARNING.parseLine("370, 306oxy Pap", SipVersion.PIS_1_0).get(0);
    assertThat(digits.conditions()).containsExactly("370", "306oxy Pap");
    assertThat(digits.toString()).isEqualTo("370 | 306oxy Pap");
    assertThat(SipHeaders.WARNING.parseLine(digits.toString(), SipVersion.PIS_1_0)).containsExactly(digits);
    assertThat(SipHeaders.WARNING.parseLine("370 devnull \"x\"", SipVersion.PIS_1_0).get(0).agent()).isEqualTo("devnull");
    refused(SipHeaders.WARNING, "370 | Turbulence");
  }

  @Test
  void warningsAreBuiltOnlyFromValidParts() {
    Warning w = Warning.of(399, "proxy.example.com:5060", "text with \"quotes\"");
    assertThat(SipHeaders.WARNING.parse(w.toString())).isEqualTo(w);
    assertThatThrownBy(() -> Warning.of(99, "a", "t")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Warning.of(1000, "a", "t")).isInstanceOf(IllegalArgumentException.class);
    for (String agent : new String[] {"", "a b", "a;b", "\"a\"", "a,b"}) {
      assertThatThrownBy(() -> Warning.of(399, agent, "t")).as(agent).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void retryAfter() { // RFC 3261 §20.33
    RetryAfter r = SipHeaders.RETRY_AFTER.parse("18000;duration=3600");
    assertThat(r.seconds()).isEqualTo(18000);
    assertThat(r.duration()).isEqualTo(Optional.of(3600L));
    RetryAfter c = SipHeaders.RETRY_AFTER.parse("120 (I'm in a (long) meeting) ;duration=60");
    assertThat(c.comment()).isEqualTo("I'm in a (long) meeting");
    assertThat(c.toString()).isEqualTo("120 (I'm in a (long) meeting);duration=60");
    assertThat(SipHeaders.RETRY_AFTER.parse("99999999999").seconds()).isEqualTo(0xFFFF_FFFFL); // saturates
    assertThat(SipHeaders.RETRY_AFTER.parse(RetryAfter.of(5).toString())).isEqualTo(RetryAfter.of(5));
    for (String bad : new String[] {"", "-1", "x", "120 (unclosed", "120 (a\\", "120 ((a)", "120 x", "120 (a) (b)",
        "120;duration", "120;duration=x", "120;duration=-1", "120;DURATION=\"1\""}) {
      refused(SipHeaders.RETRY_AFTER, bad);
    }
  }

  @Test
  void retryAfterIsBuiltOnlyWithWritableSeconds() {
    assertThatThrownBy(() -> RetryAfter.of(-1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RetryAfter.of(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
    assertThat(RetryAfter.of(0xFFFF_FFFFL).seconds()).isEqualTo(0xFFFF_FFFFL);
  }
}
