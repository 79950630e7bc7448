package io.miville.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code miville pis}: the PIS controller of draft-pis-00 and user agents for it. Without a
 * subcommand it prints its usage (a usage error).
 */
@Command(
    name = "pis",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "PIS (draft-pis-00): run a resource controller, send its methods, simulate a crowd.",
      "",
      "pis serve runs the controller (the built-in demo site by default, on 127.0.0.1:5070);"
          + " seek, aim, flush, wash, freshen and comet send one request and print the exchange;"
          + " operate sets a proxy's condition;"
          + " simulate drives a controller with many user agents."
    },
    synopsisSubcommandLabel = "COMMAND",
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:ok", "1:failure reported by the command", "2:usage error"})
final class PisCommand implements Callable<Integer> {
  @Spec private CommandSpec spec;

  /** The command with its subcommands, for {@code Main}. */
  static CommandLine commandLine(StandardStreams io) {
    return new CommandLine(new PisCommand())
        .addSubcommand(new PisServeCommand(io))
        .addSubcommand(new PisRequestCommand.Seek(io))
        .addSubcommand(new PisRequestCommand.Aim(io))
        .addSubcommand(new PisRequestCommand.Flush(io))
        .addSubcommand(new PisRequestCommand.Wash(io))
        .addSubcommand(new PisRequestCommand.Freshen(io))
        .addSubcommand(new PisRequestCommand.Comet(io))
        .addSubcommand(new PisRequestCommand.Operate(io))
        .addSubcommand(new PisSimulateCommand(io));
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCode.USAGE;
  }
}
