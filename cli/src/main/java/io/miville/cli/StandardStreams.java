package io.miville.cli;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The streams a command reads and writes: the process's own in {@link Main#main}, captured
 * ones in tests. Byte streams rather than writers because {@code check --print} must copy
 * message bodies byte for byte, and a body need not be text (RFC 3261 §7.4).
 *
 * @param in standard input, read by commands that accept {@code -} as a file
 * @param out standard output: results
 * @param err standard error: diagnostics
 */
public record StandardStreams(InputStream in, PrintStream out, PrintStream err) {

  public StandardStreams {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
  }

  /** The process's standard streams, text written as UTF-8 (the charset of SIP, RFC 3261 §7.3.1). */
  public static StandardStreams system() {
    return new StandardStreams(System.in,
        new PrintStream(System.out, true, StandardCharsets.UTF_8),
        new PrintStream(System.err, true, StandardCharsets.UTF_8));
  }

  /** Standard output as a writer for picocli (help, version), in the stream's charset. */
  PrintWriter outWriter() {
    return writer(out);
  }

  /** Standard error as a writer for picocli (usage errors), in the stream's charset. */
  PrintWriter errWriter() {
    return writer(err);
  }

  private static PrintWriter writer(PrintStream stream) {
    return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
  }
}
