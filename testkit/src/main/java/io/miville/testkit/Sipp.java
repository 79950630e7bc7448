package io.miville.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real SIPp process (Debian package {@code sip-tester}) as a test peer and reads its
 * outcome: the exit code (0 = every call succeeded, 1 = some failed) and the final statistics.
 *
 * <p>Every run has a call limit ({@code -m}) and a hard wall-clock bound after which the process
 * is killed, so a test never hangs on a peer.
 */
public final class Sipp {
  private final List<String> args = new ArrayList<>();
  private Duration bound = Duration.ofSeconds(60);
  private Path workDir;

  private Sipp() {}

  /** True if a {@code sipp} binary is on the PATH. */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder("sipp", "-v").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A run of SIPp's built-in scenario {@code name} ({@code uac}, {@code uas}, ...). */
  public static Sipp builtIn(String name) {
    Sipp s = new Sipp();
    s.args.addAll(List.of("-sn", name));
    return s;
  }

  /** A run of the scenario file {@code scenario}. */
  public static Sipp scenario(Path scenario) {
    Sipp s = new Sipp();
    s.args.addAll(List.of("-sf", scenario.toAbsolutePath().toString()));
    return s;
  }

  /** Adds raw SIPp arguments. */
  public Sipp args(String... more) {
    args.addAll(Arrays.asList(more));
    return this;
  }

  /** Kills the process if it runs longer than this (default 60 s). */
  public Sipp bound(Duration d) {
    this.bound = d;
    return this;
  }

  /** Runs to completion and returns the outcome. */
  public Result run() {
    try {
      workDir = Files.createTempDirectory("sipp");
      Path stats = workDir.resolve("stats.csv");
      List<String> cmd = new ArrayList<>();
      cmd.add("sipp");
      cmd.addAll(args);
      cmd.addAll(List.of("-nostdin", "-trace_stat", "-stf", stats.toString(), "-fd", "1",
          "-trace_err", "-error_file", workDir.resolve("errors.log").toString()));
      Path out = workDir.resolve("out.log");
      Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      boolean done = p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
      if (!done) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      String log = Files.readString(out, StandardCharsets.UTF_8);
      String errors = Files.exists(workDir.resolve("errors.log"))
          ? Files.readString(workDir.resolve("errors.log"), StandardCharsets.UTF_8) : "";
      return new Result(done ? p.exitValue() : -999, !done, lastStats(stats), log, errors, String.join(" ", cmd));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while SIPp ran", e);
    }
  }

  /** Starts the process in the background (for a SIPp server such as {@code uas}); stop it with {@link Running#stop()}. */
  public Running start() {
    try {
      workDir = Files.createTempDirectory("sipp");
      Path stats = workDir.resolve("stats.csv");
      List<String> cmd = new ArrayList<>();
      cmd.add("sipp");
      cmd.addAll(args);
      cmd.addAll(List.of("-nostdin", "-trace_stat", "-stf", stats.toString(), "-fd", "1"));
      Path out = workDir.resolve("out.log");
      Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
          .redirectOutput(out.toFile()).start();
      return new Running(p, stats, out, String.join(" ", cmd), bound);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A SIPp process running in the background. */
  public static final class Running implements AutoCloseable {
    private final Process process;
    private final Path stats;
    private final Path out;
    private final String command;
    private final Duration bound;

    Running(Process process, Path stats, Path out, String command, Duration bound) {
      this.process = process;
      this.stats = stats;
      this.out = out;
      this.command = command;
      this.bound = bound;
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    /** Waits for the process to end by itself within its bound (for example after {@code -m} calls). */
    public Result await() {
      try {
        boolean done = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        return new Result(done ? process.exitValue() : -999, !done, lastStats(stats),
            Files.readString(out, StandardCharsets.UTF_8), "", command);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Stops the process (SIGTERM, then SIGKILL) and returns what it reported. */
    public Result stop() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        return new Result(process.exitValue(), false, lastStats(stats),
            Files.readString(out, StandardCharsets.UTF_8), "", command);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        stop();
      }
    }
  }

  /** The last line of SIPp's statistics CSV as a column → value map, if it wrote one. */
  private static Map<String, String> lastStats(Path csv) {
    try {
      if (!Files.exists(csv)) {
        return Map.of();
      }
      List<String> lines = Files.readAllLines(csv, StandardCharsets.ISO_8859_1);
      if (lines.size() < 2) {
        return Map.of();
      }
      String[] head = lines.get(0).split(";");
      String[] last = lines.get(lines.size() - 1).split(";");
      java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
      for (int i = 0; i < Math.min(head.length, last.length); i++) {
        m.put(head[i].trim(), last[i].trim());
      }
      return m;
    } catch (IOException e) {
      return Map.of();
    }
  }

  /**
   * What a SIPp run reported.
   *
   * @param exitCode SIPp's exit code (0 all calls succeeded, 1 some failed), -999 if killed at the bound
   * @param timedOut true if the run was killed at its bound
   * @param stats the final statistics line (columns such as {@code SuccessfulCall(C)}, {@code FailedCall(C)})
   * @param output what SIPp printed
   * @param errors SIPp's error log
   * @param command the command line, for failure messages
   */
  public record Result(int exitCode, boolean timedOut, Map<String, String> stats, String output, String errors,
      String command) {

    /** The cumulative count of a statistic, for example {@code SuccessfulCall} or {@code FailedCall}. */
    public long cumulative(String name) {
      return Optional.ofNullable(stats.get(name + "(C)")).map(String::trim).filter(s -> !s.isEmpty())
          .map(Long::parseLong).orElse(0L);
    }

    public long successfulCalls() {
      return cumulative("SuccessfulCall");
    }

    public long failedCalls() {
      return cumulative("FailedCall");
    }

    /** A summary for assertion messages. */
    public String describe() {
      return "sipp exit " + exitCode + (timedOut ? " (killed at bound)" : "") + ", successful "
          + successfulCalls() + ", failed " + failedCalls() + "\ncommand: " + command
          + "\nerrors: " + errors.lines().limit(20).reduce("", (a, b) -> a + "\n" + b)
          + "\noutput tail: " + output.lines().skip(Math.max(0, output.lines().count() - 30))
              .reduce("", (a, b) -> a + "\n" + b);
    }
  }
}
