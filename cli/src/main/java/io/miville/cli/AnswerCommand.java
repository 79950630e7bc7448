package io.miville.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code miville answer [SESSION]}: accepts an incoming call (OK, RFC 3261 §13.3.1.4). */
@Command(
    name = "answer",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Answer an incoming call on a running agent.",
      "",
      "Without SESSION, answers the one incoming call; it is an error if there is none or several."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:answered", "1:the agent refused, or no single incoming call", "2:usage error, or no agent reachable"})
final class AnswerCommand extends ControlVerb {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SESSION", description = "The session id (see 'miville sessions').")
  String session;

  @Option(names = "--profile", paramLabel = "PROFILE", description = "The profile for the streams this side adds.")
  String profile;

  AnswerCommand(StandardStreams io) {
    super(io);
  }

  @Override
  int run(ControlClient agent) {
    String id = session != null ? session
        : onlySession(sessions(agent), s -> inState(s, "incoming"), "incoming call", "incoming calls", "");
    ObjectNode body = ControlClient.JSON.createObjectNode();
    if (profile != null) {
      body.put("profile", profile);
    }
    agent.post("/sessions/" + ControlClient.segment(id) + "/answer", body);
    io.out().println(Text.printable("answered " + id));
    return ExitCode.OK;
  }
}
