package io.miville.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs {@code miville} in-process with captured streams. */
final class Cli {
  private Cli() {}

  /** What one run gave: the exit code and everything written, as bytes and as text. */
  record Result(int exitCode, byte[] outBytes, String err) {
    String out() {
      return new String(outBytes, StandardCharsets.UTF_8);
    }
  }

  static Result run(String... args) {
    return run(new ByteArrayInputStream(new byte[0]), args);
  }

  static Result run(InputStream stdin, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    var io = new StandardStreams(stdin,
        new PrintStream(out, false, StandardCharsets.UTF_8),
        new PrintStream(err, false, StandardCharsets.UTF_8));
    int code = Main.execute(args, io);
    return new Result(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
  }
}
