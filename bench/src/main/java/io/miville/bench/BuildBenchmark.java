package io.miville.bench;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Via;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Messages made by code rather than read: writing a builder-made INVITE, building and writing
 * one from typed values (what a UAC does per call), and answering a parsed INVITE with a 200
 * carrying a To tag (what a UAS does, RFC 3261 §8.2.6), the last against JAIN-SIP's
 * {@code SIPRequest.createResponse}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// fixed heap and G1 whatever the CPU count (pinned to one CPU the JVM would pick Serial GC)
@Fork(jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
public class BuildBenchmark {
  private static final String TO_TAG = "a6c85cf";

  private Uri target;
  private Address to;
  private Address from;
  private Address contact;
  private String sdp;
  private SipRequest built;
  private SipRequest parsedInvite;
  private SIPRequest jainSipInvite;

  @Setup
  public void setUp() throws ParseException {
    target = Uri.parse("sip:bob@biloxi.example.com");
    to = Address.of("Bob", target);
    from = Address.of("Alice", Uri.parse("sip:alice@atlanta.example.com")).withTag("1928301774");
    contact = Address.of(Uri.parse("sip:alice@pc33.atlanta.example.com:5060;transport=udp"));
    byte[] invite = Messages.INVITE.miville();
    String text = new String(invite, StandardCharsets.UTF_8);
    sdp = text.substring(text.indexOf("\r\n\r\n") + 4);
    built = buildInvite();
    parsedInvite = (SipRequest) SipParser.create().parse(invite);
    jainSipInvite = (SIPRequest) new StringMsgParser().parseSIPMessage(Messages.INVITE.jainSip(), true, false, null);
    if (!SipParser.create().parse(built.encode()).equals(built)) {
      throw new IllegalStateException("built INVITE does not read back as itself");
    }
  }

  private SipRequest buildInvite() {
    return SipRequest.builder(SipMethod.INVITE, target)
        .header(SipHeaders.VIA, Via.create("UDP", "pc33.atlanta.example.com", 5060, "z9hG4bK776asdhds").withRport(5060))
        .header(SipHeaders.MAX_FORWARDS, 70)
        .header(SipHeaders.TO, to)
        .header(SipHeaders.FROM, from)
        .header(SipHeaders.CALL_ID, "a84b4c76e66710@pc33.atlanta.example.com")
        .header(SipHeaders.CSEQ, new CSeq(314159, SipMethod.INVITE))
        .header(SipHeaders.CONTACT, contact)
        .body(MediaType.APPLICATION_SDP, sdp)
        .headers(SipHeaders.ALLOW, List.of(SipMethod.INVITE, SipMethod.ACK, SipMethod.CANCEL, SipMethod.OPTIONS,
            SipMethod.BYE, SipMethod.REFER, SipMethod.NOTIFY, SipMethod.MESSAGE, SipMethod.UPDATE, SipMethod.PRACK))
        .header(HeaderName.of("Supported"), "replaces, timer, 100rel")
        .header(HeaderName.of("User-Agent"), "Miville-Bench/0.1")
        .build();
  }

  /** Writes an INVITE made with the builder once. */
  @Benchmark
  public byte[] mivilleEncodeBuilt() {
    return built.encode();
  }

  /** Builds an INVITE from typed values, then writes it. */
  @Benchmark
  public byte[] mivilleBuildAndEncode() {
    return buildInvite().encode();
  }

  /** 200 OK to a parsed INVITE, with a To tag, written. */
  @Benchmark
  public byte[] mivilleRespond() {
    return SipResponse.forRequest(parsedInvite, 200)
        .set(SipHeaders.TO, parsedInvite.to().orElseThrow().withTag(TO_TAG))
        .build()
        .encode();
  }

  @Benchmark
  public byte[] jainSipRespond() throws ParseException {
    SIPResponse response = jainSipInvite.createResponse(200);
    response.getTo().setTag(TO_TAG);
    return response.encodeAsBytes("UDP");
  }
}
