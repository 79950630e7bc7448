package io.miville.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code miville sessions}: the running agent's sessions and their streams, as a table or as the
 * control API's JSON ({@code GET /sessions}).
 */
@Command(
    name = "sessions",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Show the sessions of a running agent and the state of their streams.",
      "",
      "One line per session (newest first), then one per stream: its end on this agent (a source"
          + " sends, a sink receives), format, ports, state code on this agent and on the peer, packets,"
          + " packets lost and jitter (sinks)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:shown", "1:the agent refused", "2:usage error, or no agent reachable"})
final class SessionsCommand extends ControlVerb {
  @Option(names = "--json", description = "Print the agent's JSON as it sent it (see docs/control-api.md).")
  boolean json;

  SessionsCommand(StandardStreams io) {
    super(io);
  }

  @Override
  int run(ControlClient agent) {
    ControlClient.Answer answer = agent.get("/sessions");
    if (json) {
      io.out().println(answer.text());
      return ExitCode.OK;
    }
    JsonNode sessions = answer.json().path("sessions");
    if (sessions.isEmpty()) {
      io.out().println("no sessions");
      return ExitCode.OK;
    }
    io.out().print(render(sessions));
    return ExitCode.OK;
  }

  /** The table: the session lines aligned together, each followed by its streams' table. */
  static String render(JsonNode sessions) {
    Text.Table table = new Text.Table("SESSION", "PEER", "ROLE", "STATE", "PROFILE", "STARTED", "ENDING");
    List<List<String>> streamLines = new ArrayList<>();
    for (JsonNode s : sessions) {
      table.row(s.path("id").asText(), s.path("peer").asText(), s.path("role").asText(), s.path("state").asText(),
          s.path("profile").asText(), s.path("started").asText(), s.path("ending").asText(""));
      streamLines.add(s.path("streams").isEmpty() ? List.of() : streams(s.path("streams")).lines("  "));
    }
    List<String> lines = table.lines("");
    StringBuilder out = new StringBuilder(lines.get(0)).append('\n');
    for (int i = 0; i < streamLines.size(); i++) {
      out.append(lines.get(i + 1)).append('\n');
      streamLines.get(i).forEach(l -> out.append(l).append('\n'));
    }
    return out.toString();
  }

  private static Text.Table streams(JsonNode streams) {
    Text.Table t = new Text.Table("STREAM", "MEDIA", "END", "FORMAT", "PORTS", "STATE", "PEER STATE", "PACKETS", "LOST",
        "JITTER").right(7, 8, 9);
    for (JsonNode st : streams) {
      boolean sink = st.path("end").asText().equals("sink");
      String ports = st.path("localPort").asText() + (sink ? " <- " : " -> ") + st.path("remote").asText();
      t.row(st.path("name").asText(), st.path("media").asText(), st.path("end").asText(), st.path("format").asText(),
          ports,
          st.path("stateCode").asText() + " " + st.path("stateMessage").asText(),
          st.path("peerStateCode").asText() + " " + st.path("peerStateMessage").asText(),
          st.path("packets").asText(),
          sink ? st.path("lost").asText() : "-",
          sink ? String.format(Locale.ROOT, "%.2f ms", st.path("jitterMs").asDouble()) : "-");
    }
    return t;
  }
}
