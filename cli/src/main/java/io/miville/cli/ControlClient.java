package io.miville.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A client of an agent's control API (docs/control-api.md) for the CLI verbs. Every failure
 * becomes a {@link ControlException} carrying the exit code: 1 when the agent answered with an
 * error (its message is shown), 2 when no agent could be reached or what answered is not one.
 */
final class ControlClient implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http;
  private final URI base;
  private final String shown;

  /** A failure to report: the message for stderr and the exit code. */
  static final class ControlException extends RuntimeException {
    private final int exitCode;

    ControlException(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }

    int exitCode() {
      return exitCode;
    }
  }

  /** An answer of the agent: the body as sent and as JSON (an empty object for 204). */
  record Answer(int status, String text, JsonNode json) {}

  ControlClient(InetSocketAddress agent) {
    String ip = agent.getAddress().getHostAddress();
    this.base = URI.create("http://" + (agent.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":"
        + agent.getPort());
    this.shown = hostPort(agent);
    // HTTP/1.1: the JDK server does not speak h2c, and an upgrade attempt only costs time
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT_TIMEOUT).build();
  }

  /** HOST:PORT as the user wrote the host (a name stays a name). */
  static String hostPort(InetSocketAddress a) {
    String host = a.getHostString();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
  }

  /** A path segment for a name: percent-encoded UTF-8, so any contact name fits in one segment. */
  static String segment(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  Answer get(String path) {
    return send("GET", path, Optional.empty());
  }

  Answer post(String path, ObjectNode body) {
    return send("POST", path, Optional.of(body));
  }

  Answer put(String path, ObjectNode body) {
    return send("PUT", path, Optional.of(body));
  }

  Answer delete(String path) {
    return send("DELETE", path, Optional.empty());
  }

  private Answer send(String method, String path, Optional<ObjectNode> body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT).header("Accept", "application/json");
    if (body.isPresent()) {
      b.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.get().toString(), StandardCharsets.UTF_8));
    } else {
      b.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r = exchange(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    JsonNode json = r.statusCode() == 204 || r.body().isEmpty() ? JSON.createObjectNode() : parse(r);
    if (r.statusCode() >= 400) {
      JsonNode error = json.path("error");
      if (!error.isTextual()) {
        throw notAnAgent(r.statusCode());
      }
      throw new ControlException(ExitCode.FAILURE, error.textValue());
    }
    return new Answer(r.statusCode(), r.body(), json);
  }

  /** Opens {@code GET /events}: the raw server-sent event stream. */
  InputStream events() {
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/events")).header("Accept", "text/event-stream").GET().build();
    HttpResponse<InputStream> r = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (r.statusCode() != 200 || !type.startsWith("text/event-stream")) {
      String text;
      try (InputStream in = r.body()) {
        text = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw lost(e);
      }
      JsonNode error = parseOrNull(text);
      if (error != null && error.path("error").isTextual()) {
        throw new ControlException(ExitCode.FAILURE, error.path("error").textValue());
      }
      throw notAnAgent(r.statusCode());
    }
    return r.body();
  }

  private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return http.send(request, handler);
    } catch (HttpConnectTimeoutException e) {
      throw new ControlException(ExitCode.USAGE, "no answer from " + shown + " (is an agent running there?)");
    } catch (HttpTimeoutException e) {
      throw new ControlException(ExitCode.USAGE, "the agent at " + shown + " did not answer in time");
    } catch (ConnectException e) {
      throw new ControlException(ExitCode.USAGE, "no agent listening on " + shown);
    } catch (IOException e) {
      throw lost(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlException(ExitCode.FAILURE, "interrupted");
    }
  }

  ControlException lost(IOException e) {
    return new ControlException(ExitCode.USAGE, "lost the connection to the agent at " + shown
        + (e.getMessage() == null ? "" : ": " + Text.printable(e.getMessage())));
  }

  private JsonNode parse(HttpResponse<String> r) {
    JsonNode json = r.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
        ? parseOrNull(r.body()) : null;
    if (json == null) {
      throw notAnAgent(r.statusCode());
    }
    return json;
  }

  private static JsonNode parseOrNull(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private ControlException notAnAgent(int status) {
    return new ControlException(ExitCode.USAGE, shown + " answered HTTP " + status + " but not as a Miville agent");
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
