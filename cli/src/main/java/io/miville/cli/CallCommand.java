package io.miville.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code miville call NAME_OR_URI}: the running agent calls a contact or a SIP URI ({@code POST /calls}). */
@Command(
    name = "call",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Make a running agent call a contact or a SIP address.",
      "",
      "Prints the new session's id at once; follow the call with 'miville sessions' or 'miville events'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the call was placed", "1:the agent refused (unknown contact or profile...)",
        "2:usage error, or no agent reachable"})
final class CallCommand extends ControlVerb {
  @Parameters(index = "0", paramLabel = "NAME_OR_URI", description = "A contact's name, or a SIP URI such as sip:bob@10.0.0.2.")
  String to;

  @Option(names = "--profile", paramLabel = "PROFILE",
      description = "The profile to offer (default: the contact's, else the agent's).")
  String profile;

  CallCommand(StandardStreams io) {
    super(io);
  }

  @Override
  int run(ControlClient agent) {
    ObjectNode body = ControlClient.JSON.createObjectNode().put("to", to);
    if (profile != null) {
      body.put("profile", profile);
    }
    String session = agent.post("/calls", body).json().path("session").asText();
    io.out().println(Text.printable("calling " + to + ": session " + session));
    return ExitCode.OK;
  }
}
