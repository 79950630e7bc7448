package io.miville.bench;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParser;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse and serialize one message type at a time, Miville against the JAIN-SIP RI, over the
 * same bytes (see {@link Messages} for the one difference, SEEK's version).
 *
 * <p>Parse benchmarks read the nine values every message needs ({@link Touch}); serialize
 * benchmarks write a message that was parsed once in setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// fixed heap and G1 whatever the CPU count (pinned to one CPU the JVM would pick Serial GC)
@Fork(jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
public class CodecBenchmark {
  @Param({"invite", "ok200", "bye", "seek"})
  public String message;

  private byte[] mivilleBytes;
  private byte[] jainSipBytes;
  private SipParser parser;
  private StringMsgParser jainSipParser;
  private SipMessage mivilleParsed;
  private SIPMessage jainSipParsed;

  @Setup
  public void setUp() throws ParseException {
    Messages m = Messages.of(message);
    mivilleBytes = m.miville();
    jainSipBytes = m.jainSip();
    parser = SipParser.create();
    jainSipParser = new StringMsgParser();
    mivilleParsed = parser.parseDatagram(mivilleBytes, 0, mivilleBytes.length);
    jainSipParsed = jainSipParser.parseSIPMessage(jainSipBytes, true, false, null);
    Sanity.check(m, mivilleParsed, jainSipParsed);
  }

  @Benchmark
  public SipMessage mivilleParse(Blackhole bh) {
    SipMessage m = parser.parseDatagram(mivilleBytes, 0, mivilleBytes.length);
    Touch.miville(m, bh);
    return m;
  }

  @Benchmark
  public SIPMessage jainSipParse(Blackhole bh) throws ParseException {
    SIPMessage m = jainSipParser.parseSIPMessage(jainSipBytes, true, false, null);
    Touch.jainSip(m, bh);
    return m;
  }

  @Benchmark
  public byte[] mivilleEncode() {
    return mivilleParsed.encode();
  }

  @Benchmark
  public byte[] jainSipEncode() {
    return jainSipParsed.encodeAsBytes("UDP");
  }
}
