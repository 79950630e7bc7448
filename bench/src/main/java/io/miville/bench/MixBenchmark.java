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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The four messages in turn (INVITE, 200 OK, BYE, SEEK), one invocation handling all four:
 * scores are messages per second. Mixing keeps call sites polymorphic across message types,
 * as in a running stack, which the one-type benchmarks of {@link CodecBenchmark} do not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// fixed heap and G1 whatever the CPU count (pinned to one CPU the JVM would pick Serial GC)
@Fork(jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseG1GC"})
public class MixBenchmark {
  /** A constant for {@code @OperationsPerInvocation}; setup checks it against {@link Messages}. */
  private static final int MESSAGES = 4;

  private byte[][] mivilleBytes;
  private byte[][] jainSipBytes;
  private SipMessage[] mivilleParsed;
  private SIPMessage[] jainSipParsed;
  private SipParser parser;
  private StringMsgParser jainSipParser;

  @Setup
  public void setUp() throws ParseException {
    if (Messages.values().length != MESSAGES) {
      throw new IllegalStateException("MESSAGES must equal the number of benchmark messages");
    }
    parser = SipParser.create();
    jainSipParser = new StringMsgParser();
    mivilleBytes = new byte[MESSAGES][];
    jainSipBytes = new byte[MESSAGES][];
    mivilleParsed = new SipMessage[MESSAGES];
    jainSipParsed = new SIPMessage[MESSAGES];
    for (Messages m : Messages.values()) {
      int i = m.ordinal();
      mivilleBytes[i] = m.miville();
      jainSipBytes[i] = m.jainSip();
      mivilleParsed[i] = parser.parseDatagram(mivilleBytes[i], 0, mivilleBytes[i].length);
      jainSipParsed[i] = jainSipParser.parseSIPMessage(jainSipBytes[i], true, false, null);
      Sanity.check(m, mivilleParsed[i], jainSipParsed[i]);
    }
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void mivilleParse(Blackhole bh) {
    for (byte[] b : mivilleBytes) {
      SipMessage m = parser.parseDatagram(b, 0, b.length);
      Touch.miville(m, bh);
      bh.consume(m);
    }
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void jainSipParse(Blackhole bh) throws ParseException {
    for (byte[] b : jainSipBytes) {
      SIPMessage m = jainSipParser.parseSIPMessage(b, true, false, null);
      Touch.jainSip(m, bh);
      bh.consume(m);
    }
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void mivilleEncode(Blackhole bh) {
    for (SipMessage m : mivilleParsed) {
      bh.consume(m.encode());
    }
  }

  @Benchmark
  @OperationsPerInvocation(MESSAGES)
  public void jainSipEncode(Blackhole bh) {
    for (SIPMessage m : jainSipParsed) {
      bh.consume(m.encodeAsBytes("UDP"));
    }
  }
}
