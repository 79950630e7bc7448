package io.miville.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The cheap one-line formatter writes exactly what SimpleFormatter writes with the same format. */
class OneLineFormatterTest {
  private static final String PROPERTY = "java.util.logging.SimpleFormatter.format";
  private final String saved = System.getProperty(PROPERTY);

  @AfterEach
  void restore() {
    if (saved == null) {
      System.clearProperty(PROPERTY);
    } else {
      System.setProperty(PROPERTY, saved);
    }
  }

  private static String simple(LogRecord r) {
    System.setProperty(PROPERTY, OneLineFormatter.EQUIVALENT_FORMAT);
    return new SimpleFormatter().format(r);
  }

  private static LogRecord record(Level level, String message, Object... params) {
    LogRecord r = new LogRecord(level, message);
    r.setLoggerName("miville.uas");
    r.setInstant(Instant.parse("2026-01-31T23:59:58.007123Z"));
    r.setParameters(params);
    return r;
  }

  @Test
  void sameLineAsSimpleFormatterWithTheFormatMainUsedToSet() {
    LogRecord plain = record(Level.INFO, "call 1-2@127.0.0.1 from sip:sipp@127.0.0.1:6071: ended by BYE after 3 ms");
    assertThat(new OneLineFormatter().format(plain)).isEqualTo(simple(plain))
        .endsWith("INFO miville.uas: call 1-2@127.0.0.1 from sip:sipp@127.0.0.1:6071: ended by BYE after 3 ms"
            + System.lineSeparator());
    LogRecord withParams = record(Level.WARNING, "no final response to {0} within {1}", "OPTIONS", 32000L);
    assertThat(new OneLineFormatter().format(withParams)).isEqualTo(simple(withParams))
        .contains("WARNING miville.uas: no final response to OPTIONS within 32,000");
  }

  @Test
  void mainPutsItOnTheConsoleHandlerUnlessTheUserChoseAFormat() {
    Handler[] handlers = LogManager.getLogManager().getLogger("").getHandlers();
    List<java.util.logging.Formatter> formatters = Arrays.stream(handlers).map(Handler::getFormatter).toList();
    // the build runs tests with a logging configuration file; this test is about running without one
    String configFile = System.clearProperty("java.util.logging.config.file");
    try {
      System.setProperty(PROPERTY, "%5$s%n");
      Main.configureLogging();
      assertThat(handlers).noneMatch(h -> h.getFormatter() instanceof OneLineFormatter);

      System.clearProperty(PROPERTY);
      Main.configureLogging();
      assertThat(handlers).filteredOn(h -> h instanceof ConsoleHandler).isNotEmpty()
          .allMatch(h -> h.getFormatter() instanceof OneLineFormatter);
      assertThat(System.getProperty(PROPERTY)).isEqualTo(OneLineFormatter.EQUIVALENT_FORMAT);
    } finally {
      if (configFile != null) {
        System.setProperty("java.util.logging.config.file", configFile);
      }
      for (int i = 0; i < handlers.length; i++) {
        handlers[i].setFormatter(formatters.get(i));
      }
    }
  }

  @Test
  void sameStackTraceAsSimpleFormatter() {
    LogRecord failed = record(Level.SEVERE, "transaction user failed");
    failed.setThrown(new IllegalStateException("boom"));
    assertThat(new OneLineFormatter().format(failed)).isEqualTo(simple(failed))
        .contains("SEVERE miville.uas: transaction user failed" + System.lineSeparator()
            + "java.lang.IllegalStateException: boom");
  }
}
