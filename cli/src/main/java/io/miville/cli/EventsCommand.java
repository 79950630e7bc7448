package io.miville.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code miville events}: follows the running agent's events ({@code GET /events}, server-sent
 * events) and prints one line per event.
 */
@Command(
    name = "events",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Print the events of a running agent as they happen, one line each.",
      "",
      "Calls coming in, sessions and streams changing state, sessions ending. Runs until"
          + " interrupted, or until --count events were printed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:--count events were printed", "1:the agent ended the stream (it stopped, or dropped this slow reader)",
        "2:usage error, or no agent reachable"})
final class EventsCommand extends ControlVerb {
  @Option(names = "--count", paramLabel = "N", description = "Stop after N events.")
  Integer count;

  @Option(names = "--json", description = "Print each event's JSON data as the agent sent it.")
  boolean json;

  EventsCommand(StandardStreams io) {
    super(io);
  }

  @Override
  int run(ControlClient agent) {
    if (count != null && count < 1) {
      throw new ParameterException(spec.commandLine(), "--count must be at least 1");
    }
    int printed = 0;
    try (InputStream stream = agent.events();
        BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
      String type = null;
      StringBuilder data = new StringBuilder();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) {
          if (type != null) {
            io.out().println(json ? data.toString() : describe(type, data.toString()));
            io.out().flush();
            if (count != null && ++printed >= count) {
              return ExitCode.OK;
            }
          }
          type = null;
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          type = field(line, 6);
        } else if (line.startsWith("data:")) {
          data.append(data.isEmpty() ? "" : "\n").append(field(line, 5));
        }
        // comments (":...") are keep-alives; other fields are not used by the agent
      }
    } catch (IOException e) {
      throw agent.lost(e);
    }
    throw failure("the agent ended the event stream");
  }

  /** A field's value: after the colon, without one leading space (SSE). */
  private static String field(String line, int colon) {
    String v = line.substring(colon);
    return v.startsWith(" ") ? v.substring(1) : v;
  }

  /** One readable line for an event; an event type this CLI does not know is shown with its JSON. */
  static String describe(String type, String data) {
    JsonNode e;
    try {
      e = ControlClient.JSON.readTree(data);
    } catch (JsonProcessingException ex) {
      return Text.printable(type + " " + data);
    }
    String session = e.path("sessionId").asText();
    String line = switch (type) {
      case "incoming" -> "incoming " + session + " from " + e.path("from").asText() + ", profile " + e.path("profile").asText()
          + (e.path("autoAnswered").asBoolean() ? ", answered automatically" : "");
      case "session" -> "session " + session + " " + e.path("state").asText();
      case "stream" -> "stream " + session + " " + e.path("stream").asText() + " " + e.path("end").asText()
          + (e.path("local").asBoolean() ? " here: " : " at the peer: ") + e.path("code").asText() + " "
          + e.path("message").asText();
      case "ended" -> "ended " + session + ": " + e.path("reason").asText();
      default -> type + " " + data;
    };
    return Text.printable(line);
  }
}
