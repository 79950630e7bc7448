package io.miville.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParser;
import io.miville.codec.SipVersion;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The benchmarks compare like with like: both stacks read the same values from the same bytes. */
class BenchmarkInputsTest {
  private final SipParser parser = SipParser.create();

  @ParameterizedTest
  @EnumSource(Messages.class)
  void bothStacksReadTheSameValues(Messages which) throws ParseException {
    SipMessage miville = parser.parse(which.miville());
    SIPMessage jainSip = new StringMsgParser().parseSIPMessage(which.jainSip(), true, false, null);

    assertThat(Touch.mivilleSummary(miville)).isEqualTo(Touch.jainSipSummary(jainSip));
    assertThat(Touch.mivilleSummary(miville)).doesNotContain("|-|-|");
  }

  @ParameterizedTest
  @EnumSource(Messages.class)
  void encodedMessagesReadBackTheSame(Messages which) throws ParseException {
    SipMessage miville = parser.parse(which.miville());
    assertThat(parser.parse(miville.encode())).isEqualTo(miville);

    SIPMessage jainSip = new StringMsgParser().parseSIPMessage(which.jainSip(), true, false, null);
    SIPMessage again = new StringMsgParser().parseSIPMessage(jainSip.encodeAsBytes("UDP"), true, false, null);
    assertThat(Touch.jainSipSummary(again)).isEqualTo(Touch.jainSipSummary(jainSip));
  }

  @Test
  void messagesAreRealisticSizes() {
    assertThat(Messages.INVITE.miville().length).isBetween(850, 950);
    assertThat(parser.parse(Messages.INVITE.miville()).bodyLength()).isGreaterThan(250);
    assertThat(parser.parse(Messages.OK200.miville()).headerFields())
        .anySatisfy(f -> assertThat(f.name().name()).isEqualTo("Record-Route"));
  }

  @Test
  void seekDiffersOnlyInItsVersion() {
    String pis = new String(Messages.SEEK.miville(), StandardCharsets.US_ASCII);
    String sip = new String(Messages.SEEK.jainSip(), StandardCharsets.US_ASCII);
    assertThat(pis).startsWith("SEEK sip:rc@latrine1.loo.com PIS/1.0\r\n");
    assertThat(pis.replaceFirst("PIS/1.0\r\n", "SIP/2.0\r\n")).isEqualTo(sip);
    assertThat(parser.parse(Messages.SEEK.miville()).version()).isEqualTo(SipVersion.PIS_1_0);
  }

  /** Why SEEK goes to JAIN-SIP with SIP/2.0: its parser refuses any other version. */
  @Test
  void jainSipRejectsPisVersion() {
    assertThatThrownBy(() -> new StringMsgParser().parseSIPMessage(Messages.SEEK.miville(), true, false, null))
        .isInstanceOf(ParseException.class);
  }
}
