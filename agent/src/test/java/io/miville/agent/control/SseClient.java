package io.miville.agent.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A client of {@code GET /events} for tests: a thread reads the stream with a real
 * {@link HttpClient} and parses it as the SSE specification says (fields {@code event} and
 * {@code data}, comments starting with a colon, a blank line ending an event). Tests wait on
 * what arrived, with a bound, never on time.
 */
final class SseClient implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event as received. */
  record Event(String type, JsonNode data) {}

  private final HttpResponse<InputStream> response;
  private final Thread reader;
  private final List<Event> events = new ArrayList<>(); // guarded by this
  private final List<String> comments = new ArrayList<>(); // guarded by this
  private boolean ended; // guarded by this
  private Exception failure; // guarded by this

  SseClient(HttpClient http, URI base) throws IOException, InterruptedException {
    response = http.send(HttpRequest.newBuilder(base.resolve("/events")).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    reader = Thread.ofVirtual().start(this::read);
  }

  int status() {
    return response.statusCode();
  }

  HttpResponse<InputStream> response() {
    return response;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      String type = null;
      StringBuilder data = new StringBuilder();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.isEmpty()) {
          if (type != null) {
            Event e = new Event(type, JSON.readTree(data.toString()));
            synchronized (this) {
              events.add(e);
              notifyAll();
            }
          }
          type = null;
          data.setLength(0);
        } else if (line.startsWith(":")) {
          synchronized (this) {
            comments.add(line.substring(1).trim());
            notifyAll();
          }
        } else if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (IOException | RuntimeException e) {
      synchronized (this) {
        failure = e;
      }
    } finally {
      synchronized (this) {
        ended = true;
        notifyAll();
      }
    }
  }

  /** Waits until the server said it is subscribed (its first comment). */
  SseClient awaitConnected() throws InterruptedException {
    awaitComment("connected");
    return this;
  }

  synchronized void awaitComment(String text) throws InterruptedException {
    await(() -> comments.contains(text), "comment '" + text + "'");
  }

  /** The first {@code n} events, waiting for them. */
  synchronized List<Event> awaitEvents(int n) throws InterruptedException {
    await(() -> events.size() >= n, n + " events");
    return List.copyOf(events.subList(0, n));
  }

  /** Waits until the server ends the stream; true if it ended cleanly (no I/O error). */
  synchronized boolean awaitEnd() throws InterruptedException {
    await(() -> ended, "the end of the stream");
    return failure == null;
  }

  synchronized int eventCount() {
    return events.size();
  }

  synchronized List<String> comments() {
    return List.copyOf(comments);
  }

  private void await(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!done.getAsBoolean()) {
      if (ended && !done.getAsBoolean()) {
        throw new AssertionError("the stream ended before " + what + (failure == null ? "" : ": " + failure));
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (left <= 0) {
        throw new AssertionError("no " + what + " within 20 s; got " + events.size() + " events, comments " + comments);
      }
      wait(left);
    }
  }

  @Override
  public void close() {
    try {
      response.body().close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    reader.interrupt();
  }
}
