package io.miville.bench;

import io.miville.codec.SipParser;
import io.miville.codec.SipVersion;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.internal.Cursor;
import io.miville.codec.uri.Uri;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Miville only: the typed header parsers one at a time, on values from the benchmark messages,
 * to see where a message's parse time goes ({@link MixBenchmark} for the whole). Values are read
 * from bytes as the message parser reads them. Average time per value.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
public class HeaderBenchmark {
  private final byte[] via = bytes("SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bK776asdhds;rport");
  private final byte[] viaReceived =
      bytes("SIP/2.0/UDP bigbox3.site3.atlanta.example.com;branch=z9hG4bK77ef4c2312983.1;received=192.0.2.2");
  private final byte[] from = bytes("Alice <sip:alice@atlanta.example.com>;tag=1928301774");
  private final byte[] contact = bytes("<sip:alice@pc33.atlanta.example.com:5060;transport=udp>");
  private final byte[] recordRoute = bytes("<sip:server10.biloxi.example.com;lr>, <sip:bigbox3.site3.atlanta.example.com;lr>");
  private final byte[] callId = bytes("a84b4c76e66710@pc33.atlanta.example.com");
  private final byte[] cseq = bytes("314159 INVITE");
  private final byte[] allow = bytes("INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY, MESSAGE, UPDATE, PRACK");
  private final byte[] contentType = bytes("application/sdp");
  private final String uri = "sip:bob@biloxi.example.com";
  /** The framing of header lines alone: a request whose twelve headers are known but have no typed view. */
  private final byte[] untyped = untypedMessage();

  private static byte[] untypedMessage() {
    StringBuilder b = new StringBuilder("OPTIONS sip:bob@biloxi.example.com SIP/2.0\r\n");
    for (String name : new String[] {"Subject", "Organization", "User-Agent", "Server", "Priority", "In-Reply-To",
        "Alert-Info", "Call-Info", "Error-Info", "Timestamp", "Accept-Language", "Accept-Encoding"}) {
      b.append(name).append(": a value of some thirty-five bytes\r\n");
    }
    return b.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  @Benchmark
  public Object untypedLines() {
    return SipParser.create().parse(untyped);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** A cursor over the bytes, as the message parser makes for each value. */
  private static Cursor cursor(byte[] value) {
    return Cursor.ofLatin1(value, 0, value.length);
  }

  @Benchmark
  public List<?> via() {
    return SipHeaders.VIA.parseLine(cursor(via), SipVersion.SIP_2_0);
  }

  @Benchmark
  public List<?> viaReceived() {
    return SipHeaders.VIA.parseLine(cursor(viaReceived), SipVersion.SIP_2_0);
  }

  @Benchmark
  public List<?> from() {
    return SipHeaders.FROM.parseLine(cursor(from), SipVersion.SIP_2_0);
  }

  @Benchmark
  public List<?> contact() {
    return SipHeaders.CONTACT.parseLine(cursor(contact), SipVersion.SIP_2_0);
  }

  @Benchmark
  public List<?> recordRoute() {
    return SipHeaders.RECORD_ROUTE.parseLine(cursor(recordRoute), SipVersion.SIP_2_0);
  }

  @Benchmark
  public List<?> callId() {
    return SipHeaders.CALL_ID.parseLine(cursor(callId), SipVersion.SIP_2_0);
  }

  @Benchmark
  public List<?> cseq() {
    return SipHeaders.CSEQ.parseLine(cursor(cseq), SipVersion.SIP_2_0);
  }

  @Benchmark
  public List<?> allow() {
    return SipHeaders.ALLOW.parseLine(cursor(allow), SipVersion.SIP_2_0);
  }

  @Benchmark
  public List<?> contentType() {
    return SipHeaders.CONTENT_TYPE.parseLine(cursor(contentType), SipVersion.SIP_2_0);
  }

  @Benchmark
  public Uri uri() {
    return Uri.parse(uri);
  }
}
