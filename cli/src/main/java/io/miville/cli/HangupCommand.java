package io.miville.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code miville hangup [SESSION]}: ends a session (BYE), or cancels a call not yet answered (CANCEL). */
@Command(
    name = "hangup",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Hang up a session on a running agent, or cancel a call not yet answered.",
      "",
      "Without SESSION, hangs up the one session in progress (calling, ringing or active);"
          + " it is an error if there is none or several. To turn down an incoming call, use 'miville refuse'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:hung up", "1:the agent refused, or no single session in progress", "2:usage error, or no agent reachable"})
final class HangupCommand extends ControlVerb {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SESSION", description = "The session id (see 'miville sessions').")
  String session;

  HangupCommand(StandardStreams io) {
    super(io);
  }

  @Override
  int run(ControlClient agent) {
    String id = session;
    if (id == null) {
      List<JsonNode> sessions = sessions(agent);
      String hint = sessions.stream().anyMatch(s -> inState(s, "incoming"))
          ? " (to turn down an incoming call: miville refuse)" : "";
      id = onlySession(sessions, s -> inState(s, "calling", "ringing", "active"), "session in progress",
          "sessions in progress", hint);
    }
    ObjectNode empty = ControlClient.JSON.createObjectNode();
    agent.post("/sessions/" + ControlClient.segment(id) + "/hangup", empty);
    io.out().println(Text.printable("hung up " + id));
    return ExitCode.OK;
  }
}
