package io.miville.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code miville refuse [SESSION]}: refuses an incoming call with a final failure and a reason (RFC 3261 §21.4–21.6). */
@Command(
    name = "refuse",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Refuse an incoming call on a running agent.",
      "",
      "Without SESSION, refuses the one incoming call; it is an error if there is none or several."
          + " The caller sees the status and the reason."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:refused", "1:the agent refused, or no single incoming call", "2:usage error, or no agent reachable"})
final class RefuseCommand extends ControlVerb {
  @Parameters(index = "0", arity = "0..1", paramLabel = "SESSION", description = "The session id (see 'miville sessions').")
  String session;

  @Option(names = "--status", paramLabel = "CODE", defaultValue = "603",
      description = "The SIP status, 400 to 699: 603 Decline (default), 486 Busy Here, 488 Not Acceptable Here...")
  int status;

  @Option(names = "--reason", paramLabel = "TEXT", description = "The reason shown to the caller (default: the status's phrase).")
  String reason;

  RefuseCommand(StandardStreams io) {
    super(io);
  }

  @Override
  int run(ControlClient agent) {
    String id = session != null ? session
        : onlySession(sessions(agent), s -> inState(s, "incoming"), "incoming call", "incoming calls", "");
    ObjectNode body = ControlClient.JSON.createObjectNode().put("status", status);
    if (reason != null) {
      body.put("reason", reason);
    }
    agent.post("/sessions/" + ControlClient.segment(id) + "/refuse", body);
    io.out().println(Text.printable("refused " + id + " with " + status + (reason == null ? "" : " " + reason)));
    return ExitCode.OK;
  }
}
