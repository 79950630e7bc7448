package io.miville.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --log-level} of a command: how much the stack logs through {@link System.Logger}
 * (backed by java.util.logging). {@code info} includes the one line per call of {@code serve}; it
 * is written on the lane of the call, so under load {@code warning} keeps that work off the lanes.
 */
enum LogLevel {
  OFF(Level.OFF),
  ERROR(Level.SEVERE),
  WARNING(Level.WARNING),
  INFO(Level.INFO),
  DEBUG(Level.FINE),
  TRACE(Level.FINEST);

  private final Level julLevel;

  LogLevel(Level julLevel) {
    this.julLevel = julLevel;
  }

  Level julLevel() {
    return julLevel;
  }

  /** Sets the level of the root logger and of its handlers (a handler filters on its own level too). */
  void apply() {
    Logger root = LogManager.getLogManager().getLogger("");
    root.setLevel(julLevel);
    for (Handler h : root.getHandlers()) {
      h.setLevel(julLevel);
    }
  }

  /** The names an option accepts, in order. */
  static String names() {
    return Arrays.stream(values()).map(l -> l.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
  }

  /** Reads a level name, in any case. */
  static final class Converter implements ITypeConverter<LogLevel> {
    @Override
    public LogLevel convert(String value) {
      try {
        return LogLevel.valueOf(value.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException("expected one of " + names() + ", got '" + value + "'");
      }
    }
  }
}
