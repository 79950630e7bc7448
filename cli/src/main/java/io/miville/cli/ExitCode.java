package io.miville.cli;

/** The exit codes every {@code miville} command uses, so scripts can tell the cases apart. */
public final class ExitCode {
  private ExitCode() {}

  /** Everything went as asked. */
  public static final int OK = 0;

  /** The command ran and reports a failure (for {@code check}: at least one message is invalid). */
  public static final int FAILURE = 1;

  /** Usage error (unknown option, missing argument...) or an input that could not be read. */
  public static final int USAGE = 2;
}
