package io.miville.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every verb that talks to a running agent shares: the {@code --control} option, the
 * client, and the exit codes of docs/cli.md (0 done, 1 the agent refused, with its message, 2
 * usage error or no agent reachable).
 */
abstract class ControlVerb implements Callable<Integer> {
  /** Where an agent's control API listens when nothing else is said. */
  static final String DEFAULT_CONTROL = "127.0.0.1:7070";

  protected final StandardStreams io;

  @Spec protected CommandSpec spec;

  @Option(names = "--control", paramLabel = "HOST:PORT", converter = HostPort.class,
      defaultValue = "${env:MIVILLE_CONTROL:-" + DEFAULT_CONTROL + "}",
      description = "The agent's control API (default: $MIVILLE_CONTROL, else " + DEFAULT_CONTROL + ").")
  InetSocketAddress control;

  ControlVerb(StandardStreams io) {
    this.io = io;
  }

  /** Does the verb's work; throws {@link ControlClient.ControlException} for what it reports as a failure. */
  abstract int run(ControlClient agent);

  @Override
  public final Integer call() {
    try (ControlClient agent = new ControlClient(controlAddress())) {
      return run(agent);
    } catch (ControlClient.ControlException e) {
      io.out().flush(); // keep stdout before the diagnostic on a shared terminal
      io.err().println(spec.qualifiedName() + ": " + Text.printable(e.getMessage()));
      return e.exitCode();
    }
  }

  /**
   * This command's {@code --control}, or its parent's when only the parent got one
   * ({@code miville contacts --control H:P add ...}).
   */
  private InetSocketAddress controlAddress() {
    if (!spec.commandLine().getParseResult().hasMatchedOption("--control") && spec.parent() != null
        && spec.parent().userObject() instanceof ControlVerb parent
        && spec.parent().commandLine().getParseResult().hasMatchedOption("--control")) {
      return parent.control;
    }
    return control;
  }

  static ControlClient.ControlException failure(String message) {
    return new ControlClient.ControlException(ExitCode.FAILURE, message);
  }

  /**
   * The id of the one session in a state the verb applies to, when the user named none; a
   * failure naming the candidates when there is none or more than one.
   *
   * @param sessions the agent's sessions
   * @param one how a candidate is called in messages ("incoming call")
   * @param several how several are called ("incoming calls")
   * @param hint what to add when there is none
   */
  static String onlySession(List<JsonNode> sessions, Predicate<JsonNode> applies, String one, String several,
      String hint) {
    List<JsonNode> candidates = new ArrayList<>();
    for (JsonNode s : sessions) {
      if (applies.test(s)) {
        candidates.add(s);
      }
    }
    if (candidates.isEmpty()) {
      throw failure("no " + one + hint);
    }
    if (candidates.size() > 1) {
      List<String> named = candidates.stream()
          .map(s -> s.path("id").asText() + " (" + s.path("peer").asText() + ", " + s.path("state").asText() + ")")
          .toList();
      throw failure(candidates.size() + " " + several + ": " + String.join(", ", named) + "; name one");
    }
    return candidates.get(0).path("id").asText();
  }

  /** The agent's sessions, newest first. */
  static List<JsonNode> sessions(ControlClient agent) {
    List<JsonNode> out = new ArrayList<>();
    agent.get("/sessions").json().path("sessions").forEach(out::add);
    return out;
  }

  static boolean inState(JsonNode session, String... states) {
    String state = session.path("state").asText();
    for (String s : states) {
      if (s.equals(state)) {
        return true;
      }
    }
    return false;
  }
}
