package io.miville.cli;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code miville} command: a picocli top command whose subcommands do the work.
 *
 * <p>Exit codes are the same for every subcommand (see {@link ExitCode}): 0 ok, 1 a failure the
 * command reports, 2 a usage error. {@link #main} only wires the process's streams to
 * {@link #execute}, which tests call with captured streams.
 */
@Command(
    name = "miville",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Miville: a SIP stack with the Miville session protocol and the PIS extension.",
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok",
      "1:failure reported by the command",
      "2:usage error or unreadable input"
    },
    footer = {"", "Run 'miville COMMAND --help' for the options of one command."})
public final class Main implements Callable<Integer> {
  @Spec private CommandSpec spec;

  /**
   * Every subcommand, in the order {@code --help} lists them. A new command is one more entry
   * here: a picocli {@code @Command} object built with the streams it may need.
   */
  private static List<Object> subcommands(StandardStreams io) {
    return List.of(
        new CheckCommand(io),
        new ServeCommand(io),
        new OptionsCommand(io),
        new DemoCommand(io),
        new AgentCommand(io),
        ContactsCommand.commandLine(io),
        new CallCommand(io),
        new AnswerCommand(io),
        new RefuseCommand(io),
        new HangupCommand(io),
        new SessionsCommand(io),
        new EventsCommand(io),
        PisCommand.commandLine(io),
        new CommandLine.HelpCommand());
  }

  public static void main(String[] args) {
    configureLogging();
    System.exit(execute(args, StandardStreams.system()));
  }

  private static final String FORMAT_PROPERTY = "java.util.logging.SimpleFormatter.format";

  /**
   * One log line per event: time, level, logger, message (the JDK default takes two lines). Unless
   * java.util.logging is configured otherwise, the console handler gets a {@link OneLineFormatter},
   * which writes that line at a fraction of the cost of SimpleFormatter; with a configuration file,
   * its SimpleFormatters get the same format through the system property.
   */
  static void configureLogging() {
    if (System.getProperty(FORMAT_PROPERTY) != null) {
      return; // the user chose a format
    }
    System.setProperty(FORMAT_PROPERTY, OneLineFormatter.EQUIVALENT_FORMAT);
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    for (Handler h : LogManager.getLogManager().getLogger("").getHandlers()) {
      if (h instanceof ConsoleHandler) {
        h.setFormatter(new OneLineFormatter());
      }
    }
  }

  /** Runs {@code miville args} on the given streams and returns the exit code; output is flushed. */
  public static int execute(String[] args, StandardStreams io) {
    try {
      return commandLine(io).execute(args);
    } finally {
      io.out().flush();
      io.err().flush();
    }
  }

  /** The configured command tree, writing to {@code io}. */
  public static CommandLine commandLine(StandardStreams io) {
    CommandLine cl = new CommandLine(new Main());
    for (Object sub : subcommands(io)) {
      cl.addSubcommand(sub);
    }
    cl.setOut(io.outWriter());
    cl.setErr(io.errWriter());
    // picocli's own defaults already give 1 for an exception a command throws; usage errors
    // go through this handler, which answers 2
    cl.setParameterExceptionHandler(Main::shortUsageError);
    return cl;
  }

  /** Without a command there is nothing to do: the usage on stderr, and a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }

  /**
   * A usage error in a few lines on stderr, not the whole help: what went wrong, a guess for a
   * mistyped option or command, and where the help is.
   */
  private static int shortUsageError(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    var err = cmd.getErr();
    String name = cmd.getCommandSpec().qualifiedName();
    err.println(name + ": " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println("Try '" + name + " --help' for more information.");
    err.flush();
    return ExitCode.USAGE;
  }
}
