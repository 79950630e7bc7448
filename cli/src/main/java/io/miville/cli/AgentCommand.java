package io.miville.cli;

import io.miville.agent.Agent;
import io.miville.agent.AgentPaths;
import io.miville.agent.control.ControlServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code miville agent}: runs a Miville agent with its local control API until SIGTERM/SIGINT;
 * the verbs {@code contacts}, {@code call}, {@code answer}, {@code refuse}, {@code hangup},
 * {@code sessions} and {@code events} talk to it.
 */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run a Miville agent with its control API.",
      "",
      "The agent answers and places calls over SIP on --sip and is driven through the local"
          + " HTTP/JSON control API on --control (see docs/control-api.md). Contacts and profiles"
          + " live in --data-dir (default: $XDG_CONFIG_HOME/miville/NAME)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped normally", "1:could not start", "2:usage error"})
final class AgentCommand implements Callable<Integer> {
  private final StandardStreams io;
  private final StopSignal stop = new StopSignal();
  private final CompletableFuture<Agent> started = new CompletableFuture<>();
  private volatile ControlServer control;

  @Spec private CommandSpec spec;

  @Option(names = "--name", defaultValue = "miville", description = "How the agent names itself (default: ${DEFAULT-VALUE}).")
  String name;

  @Option(names = "--sip", paramLabel = "HOST:PORT", converter = HostPort.class, defaultValue = "127.0.0.1:5060",
      description = "SIP address, IPv4 (default: ${DEFAULT-VALUE}); port 0 picks a free one.")
  InetSocketAddress sip;

  @Option(names = "--control", paramLabel = "HOST:PORT", converter = HostPort.class, defaultValue = "127.0.0.1:7070",
      description = "Control API address (default: ${DEFAULT-VALUE}); keep it on loopback.")
  InetSocketAddress controlAddress;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Where contacts.json and profiles.json live.")
  Path dataDir;

  @Option(names = "--auto-answer", description = "Answer every call by itself.")
  boolean autoAnswer;

  AgentCommand(StandardStreams io) {
    this.io = io;
  }

  void stop() {
    stop.stop();
  }

  CompletionStage<Agent> started() {
    return started;
  }

  ControlServer control() {
    return control;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (name.isBlank() || !name.matches("[A-Za-z0-9._-]{1,64}")) {
      throw new ParameterException(spec.commandLine(), "--name: 1 to 64 letters, digits, '.', '_' or '-'");
    }
    if (!sip.getAddress().getClass().equals(java.net.Inet4Address.class)) {
      throw new ParameterException(spec.commandLine(), "--sip: RFC 1 agents use IPv4 addresses");
    }
    Path dir = dataDir != null ? dataDir : AgentPaths.configDir(name);
    Agent agent;
    try {
      agent = Agent.start(Agent.AgentSettings.of(name, sip, dir, autoAnswer));
    } catch (RuntimeException e) {
      io.err().println("miville agent: cannot start: " + e.getMessage());
      started.completeExceptionally(e);
      return ExitCode.FAILURE;
    }
    try {
      control = ControlServer.builder(agent).address(controlAddress).build().start();
    } catch (RuntimeException e) {
      agent.close();
      io.err().println("miville agent: cannot start the control API on " + controlAddress + ": " + e.getMessage());
      started.completeExceptionally(e);
      return ExitCode.FAILURE;
    }
    stop.onShutdown("miville-agent-shutdown");
    try {
      InetSocketAddress c = control.address();
      io.out().println("agent " + name + " at " + agent.sipUri() + (autoAnswer ? " (answers by itself)" : ""));
      io.out().println("control API on http://" + HostPort.format(c)
          + "  (try: miville sessions --control " + HostPort.format(c) + ")");
      io.out().println("data in " + dir);
      io.out().flush();
      started.complete(agent);
      stop.await(null);
    } finally {
      stop.close();
      control.close(); // event clients get the last events before the agent goes
      agent.close();
      io.out().println("agent " + name + " stopped");
      io.out().flush();
    }
    return ExitCode.OK;
  }

}
