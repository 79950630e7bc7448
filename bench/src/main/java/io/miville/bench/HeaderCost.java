package io.miville.bench;

import io.miville.codec.HeaderField;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParser;
import io.miville.codec.header.HeaderRegistry;
import io.miville.codec.header.HeaderType;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;

/**
 * Where one parse of each benchmark message goes, header by header: bytes allocated and CPU
 * nanoseconds of {@code HeaderType.parseLine} for every header line with a standard type, next to
 * the whole {@code parseDatagram}. What the typed parsers do not explain is the framing (line
 * scan, name lookup, value Strings, field and list objects, body copy).
 *
 * <p>A profiling aid, not a JMH benchmark: each call site is warmed, then measured alone, so
 * inlining differs from the real parser and numbers are indicative. Run with
 * {@code java -cp bench/target/benchmarks.jar io.miville.bench.HeaderCost}.
 */
public final class HeaderCost {
  private static final int WARMUP = 200_000;
  private static final int MEASURED = 200_000;
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private static volatile Object sink;

  private HeaderCost() {}

  /** Allocated bytes and CPU ns per run of {@code work}. */
  private record Cost(double bytes, double nanos) {}

  private static Cost measure(Runnable work) {
    for (int i = 0; i < WARMUP; i++) {
      work.run();
    }
    long bytes = THREADS.getCurrentThreadAllocatedBytes();
    long cpu = THREADS.getCurrentThreadCpuTime();
    for (int i = 0; i < MEASURED; i++) {
      work.run();
    }
    return new Cost((double) (THREADS.getCurrentThreadAllocatedBytes() - bytes) / MEASURED,
        (double) (THREADS.getCurrentThreadCpuTime() - cpu) / MEASURED);
  }

  public static void main(String[] args) {
    SipParser parser = SipParser.create();
    for (Messages which : Messages.values()) {
      byte[] bytes = which.miville();
      SipMessage message = parser.parseDatagram(bytes, 0, bytes.length);
      Cost whole = measure(() -> sink = parser.parseDatagram(bytes, 0, bytes.length));
      System.out.printf("%n%s (%d bytes): parseDatagram %.0f B, %.0f ns%n", which, bytes.length, whole.bytes, whole.nanos);
      System.out.printf("  %-16s %5s %8s %8s%n", "header", "chars", "B/line", "ns/line");
      double typedBytes = 0;
      double typedNanos = 0;
      for (HeaderField field : message.headerFields()) {
        Optional<HeaderType<?>> type = HeaderRegistry.standard(field.name());
        if (type.isEmpty()) {
          System.out.printf("  %-16s %5d %8s %8s%n", field.name(), field.value().length(), "-", "-");
          continue;
        }
        HeaderType<?> t = type.get();
        String value = field.value();
        Cost c = measure(() -> sink = t.parseLine(value, message.version()));
        typedBytes += c.bytes;
        typedNanos += c.nanos;
        System.out.printf("  %-16s %5d %8.0f %8.0f%n", field.name(), value.length(), c.bytes, c.nanos);
      }
      System.out.printf("  %-16s %5s %8.0f %8.0f%n", "typed, sum", "", typedBytes, typedNanos);
      System.out.printf("  %-16s %5s %8.0f %8.0f  (whole parse minus typed values)%n", "framing, rest", "",
          whole.bytes - typedBytes, whole.nanos - typedNanos);
    }
    sink = List.of();
  }
}
