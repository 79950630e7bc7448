package io.miville.agent.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.miville.agent.Contact;
import io.miville.agent.Profile;
import io.miville.agent.api.AgentControl;
import io.miville.agent.api.AgentException;
import io.miville.codec.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The agent's local control API: HTTP/1.1 and JSON over an {@link AgentControl}, with the
 * agent's events as server-sent events. The endpoints and their wire form are documented in
 * {@code docs/control-api.md}; the {@code miville} CLI verbs ({@code call}, {@code answer},
 * {@code sessions}, ...) are its clients.
 *
 * <p>Built on the JDK's {@link HttpServer} with one virtual thread per exchange, so a handler
 * may block (on the agent, or on a slow client) without holding a platform thread.
 *
 * <p>Limits (DESIGN.md §4, bounded everything): request bodies are read up to
 * {@link Builder#maxBodyBytes} (413 beyond), event clients are at most
 * {@link Builder#maxEventClients} (503 beyond), and each event client has a queue of
 * {@link Builder#eventQueueCapacity} events: the agent only ever offers to it, and a client that
 * falls that far behind is dropped rather than allowed to block the agent or grow memory.
 *
 * <p>Browsers: the API has no authentication and trusts whoever can reach it, which is why it
 * listens on the loopback address by default. So that a web page cannot drive it from inside
 * the user's own browser, a request with an {@code Origin} other than the server itself is
 * refused (403), and, while bound to a loopback address, so is one whose {@code Host} is not a
 * loopback name or address (a DNS-rebinding defence).
 *
 * <p>Lifecycle: {@link #builder(AgentControl)} or {@link #create(AgentControl)}, then
 * {@link #start()} (binds) and finally {@link #close()}, before the agent itself stops, so that
 * event clients get the agent's last events. Thread-safe.
 *
 * <pre>{@code
 * ControlServer control = ControlServer.builder(agent)
 *     .address(new InetSocketAddress(InetAddress.getLoopbackAddress(), ControlServer.DEFAULT_PORT))
 *     .build()
 *     .start();
 * log("control API on " + control.address());
 * ...
 * control.close();
 * }</pre>
 */
public final class ControlServer implements AutoCloseable {
  /** The port of the control API when none is given, also the CLI's default. */
  public static final int DEFAULT_PORT = 7070;

  /** The largest request body read, 64 KiB by default. */
  public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

  private static final System.Logger LOG = System.getLogger("miville.control");
  private static final String JSON_TYPE = "application/json; charset=utf-8";
  private static final long DROP_GRACE_MILLIS = 1_000;

  private enum State { NEW, RUNNING, CLOSING, CLOSED }

  private final AgentControl agent;
  private final InetSocketAddress requestedAddress;
  private final int maxBodyBytes;
  private final Duration keepAliveInterval;
  private final int eventQueueCapacity;
  private final int maxEventClients;
  private final Duration closeGrace;

  private final Object lock = new Object();
  private State state = State.NEW; // guarded by lock
  private int inFlight; // exchanges being handled, guarded by lock
  private volatile boolean closing;
  private volatile boolean loopbackOnly;
  private HttpServer server;
  private ExecutorService executor;
  private final Set<EventClient> eventClients = ConcurrentHashMap.newKeySet();
  private final AtomicLong droppedEventClients = new AtomicLong();

  private ControlServer(Builder b) {
    this.agent = b.agent;
    this.requestedAddress = b.address;
    this.maxBodyBytes = b.maxBodyBytes;
    this.keepAliveInterval = b.keepAliveInterval;
    this.eventQueueCapacity = b.eventQueueCapacity;
    this.maxEventClients = b.maxEventClients;
    this.closeGrace = b.closeGrace;
  }

  /** A server for {@code agent} on 127.0.0.1:{@value #DEFAULT_PORT} with the default limits; not started. */
  public static ControlServer create(AgentControl agent) {
    return builder(agent).build();
  }

  public static Builder builder(AgentControl agent) {
    return new Builder(agent);
  }

  /**
   * Binds and starts serving.
   *
   * @throws UncheckedIOException if the address cannot be bound (port taken, address not local)
   * @throws IllegalStateException if already started or closed
   */
  public ControlServer start() {
    synchronized (lock) {
      if (state != State.NEW) {
        throw new IllegalStateException("the control server was already started");
      }
      ExecutorService exec = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("miville-control-", 0).factory());
      HttpServer http;
      try {
        http = HttpServer.create(requestedAddress, 0);
      } catch (IOException e) {
        exec.close();
        state = State.CLOSED;
        throw new UncheckedIOException("cannot listen on " + requestedAddress + ": " + e.getMessage(), e);
      }
      http.setExecutor(exec);
      http.createContext("/", this::handle);
      server = http;
      executor = exec;
      loopbackOnly = http.getAddress().getAddress().isLoopbackAddress();
      state = State.RUNNING;
      // written before the server's threads start, so they see them
      http.start();
    }
    return this;
  }

  /** The address the server listens on, with the port chosen if port 0 was asked for. */
  public InetSocketAddress address() {
    synchronized (lock) {
      if (server == null) {
        throw new IllegalStateException("the control server is not started");
      }
      return server.getAddress();
    }
  }

  /** How many clients are on {@code GET /events} now. */
  public int eventClients() {
    return eventClients.size();
  }

  /** How many event clients were dropped for reading too slowly since the start. */
  public long droppedEventClients() {
    return droppedEventClients.get();
  }

  /**
   * Stops serving: new requests get 503, event streams end after the events already queued for
   * them, requests in progress get up to the close grace to finish, then every connection is
   * closed. Idempotent.
   */
  @Override
  public void close() {
    synchronized (lock) {
      if (state == State.NEW) {
        state = State.CLOSED;
        return;
      }
      if (state != State.RUNNING) {
        return;
      }
      state = State.CLOSING;
      closing = true;
    }
    eventClients.forEach(EventClient::stop);
    awaitIdle(closeGrace);
    // a writer still blocked on a client that does not read: cut its connection
    eventClients.forEach(EventClient::interruptIfStillWriting);
    server.stop(0);
    executor.shutdownNow();
    try {
      if (!executor.awaitTermination(closeGrace.toMillis(), TimeUnit.MILLISECONDS)) {
        LOG.log(System.Logger.Level.WARNING, "control server: handlers still running after close");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (lock) {
      state = State.CLOSED;
    }
  }

  private void awaitIdle(Duration grace) {
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (lock) {
      while (inFlight > 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return;
        }
        try {
          lock.wait(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private boolean enter() {
    synchronized (lock) {
      if (state != State.RUNNING) {
        return false;
      }
      inFlight++;
      return true;
    }
  }

  private void leave() {
    synchronized (lock) {
      if (--inFlight == 0) {
        lock.notifyAll();
      }
    }
  }

  // ---------------------------------------------------------------- exchange handling

  /** A request as the routes see it; the body is read only by a route that wants one. */
  private final class Request {
    final HttpExchange exchange;
    final String method;
    final List<String> path;

    Request(HttpExchange exchange, List<String> path) {
      this.exchange = exchange;
      this.method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
      this.path = path;
    }

    String segment(int i) {
      return path.get(i);
    }

    /** The body as a JSON object; an empty body is an empty object. */
    JsonNode body() {
      byte[] bytes = readBody(exchange);
      if (isBlank(bytes)) {
        return ControlJson.object();
      }
      JsonNode node;
      try {
        node = ControlJson.MAPPER.readTree(bytes);
      } catch (JsonProcessingException e) {
        // the location, never the parser's message, which may quote the input
        var where = e.getLocation();
        throw AgentException.badRequest("malformed JSON"
            + (where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (!node.isObject()) {
        throw AgentException.badRequest("the request body must be a JSON object");
      }
      return node;
    }
  }

  /** What a route answers. */
  private sealed interface Reply {}

  private record Json(int status, JsonNode body, Map<String, String> headers) implements Reply {
    Json(int status, JsonNode body) {
      this(status, body, Map.of());
    }
  }

  private record NoContent() implements Reply {}

  private record EventStream() implements Reply {}

  private void handle(HttpExchange exchange) {
    if (!enter()) {
      exchange.getResponseHeaders().set("Connection", "close");
      sendQuietly(exchange, new Json(503, ControlJson.error("the control server is shutting down")));
      exchange.close();
      return;
    }
    try {
      Reply reply;
      try {
        reply = respond(exchange);
      } catch (AgentException e) {
        int status = e.status() >= 400 && e.status() <= 599 ? e.status() : 500;
        reply = new Json(status, ControlJson.error(Objects.requireNonNullElse(e.getMessage(), "error " + status)));
      } catch (IllegalArgumentException e) {
        // the agent's values (Contact, Profile) validate themselves with this
        reply = new Json(400, ControlJson.error(Objects.requireNonNullElse(e.getMessage(), "bad request")));
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "control API: " + exchange.getRequestMethod() + " "
            + exchange.getRequestURI().getRawPath() + " failed", e);
        reply = new Json(500, ControlJson.error("internal error"));
      }
      if (reply instanceof EventStream) {
        streamEvents(exchange);
      } else {
        if (reply instanceof Json j && j.status() == 413) {
          exchange.getResponseHeaders().set("Connection", "close");
        }
        sendQuietly(exchange, reply);
      }
    } finally {
      exchange.close();
      leave();
    }
  }

  private Reply respond(HttpExchange exchange) {
    Optional<String> refusal = crossSiteRefusal(exchange.getRequestHeaders());
    if (refusal.isPresent()) {
      return new Json(403, ControlJson.error(refusal.get()));
    }
    Optional<List<String>> path = RequestPath.segments(exchange.getRequestURI().getRawPath());
    if (path.isEmpty()) {
      return notFound();
    }
    return route(new Request(exchange, path.get()));
  }

  private Reply route(Request r) {
    List<String> p = r.path;
    if (p.isEmpty()) {
      return notFound();
    }
    return switch (p.get(0)) {
      case "agent" -> p.size() == 1 ? methods(r, Map.of("GET", () -> ok(ControlJson.info(agent.info())))) : notFound();
      case "contacts" -> contacts(r);
      case "profiles" -> profiles(r);
      case "calls" -> p.size() == 1 ? methods(r, Map.of("POST", () -> call(r))) : notFound();
      case "sessions" -> sessions(r);
      case "events" -> p.size() == 1 ? methods(r, Map.of("GET", EventStream::new)) : notFound();
      default -> notFound();
    };
  }

  private Reply contacts(Request r) {
    return switch (r.path.size()) {
      case 1 -> methods(r, Map.of("GET", () -> ok(ControlJson.contacts(agent.contacts()))));
      case 2 -> {
        String name = r.segment(1);
        yield methods(r, Map.of(
            "GET", () -> ok(ControlJson.contact(agent.contacts().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> AgentException.notFound("no contact named '" + name + "'")))),
            "PUT", () -> ok(ControlJson.contact(agent.putContact(contactFrom(name, r.body())))),
            "DELETE", () -> {
              agent.removeContact(name);
              return new NoContent();
            }));
      }
      case 3 -> r.segment(2).equals("keep")
          ? methods(r, Map.of("POST", () -> ok(ControlJson.contact(agent.keepContact(r.segment(1))))))
          : notFound();
      default -> notFound();
    };
  }

  private static Contact contactFrom(String name, JsonNode body) {
    Optional<String> named = ControlJson.optionalText(body, "name");
    if (named.isPresent() && !named.get().equals(name)) {
      throw AgentException.badRequest("the body names another contact than the path");
    }
    Contact contact = Contact.of(name, ControlJson.text(body, "address"))
        .withAutoAnswer(ControlJson.bool(body, "autoAnswer", false));
    Optional<String> profile = ControlJson.optionalText(body, "defaultProfile");
    return profile.isPresent() ? contact.withDefaultProfile(profile.get()) : contact;
  }

  private Reply profiles(Request r) {
    return switch (r.path.size()) {
      case 1 -> methods(r, Map.of("GET", () -> ok(ControlJson.profiles(agent.profiles()))));
      case 2 -> {
        String name = r.segment(1);
        yield methods(r, Map.of(
            "GET", () -> ok(ControlJson.profile(agent.profiles().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> AgentException.notFound("no profile named '" + name + "'")))),
            "PUT", () -> ok(ControlJson.profile(agent.putProfile(Profile.of(name, ControlJson.settings(r.body(), "settings")))))));
      }
      default -> notFound();
    };
  }

  private Reply call(Request r) {
    JsonNode body = r.body();
    String to = ControlJson.text(body, "to");
    if (to.isBlank()) {
      throw AgentException.badRequest("'to' is empty");
    }
    String id = agent.call(to, ControlJson.optionalText(body, "profile"));
    return new Json(201, ControlJson.object().put("session", id),
        Map.of("Location", "/sessions/" + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")));
  }

  private Reply sessions(Request r) {
    List<String> p = r.path;
    if (p.size() == 1) {
      return methods(r, Map.of("GET", () -> ok(ControlJson.sessions(agent.sessions()))));
    }
    String id = p.get(1);
    if (p.size() == 2) {
      return methods(r, Map.of("GET", () -> ok(ControlJson.session(agent.session(id)
          .orElseThrow(() -> AgentException.notFound("no session '" + id + "'"))))));
    }
    if (p.size() > 3) {
      return notFound();
    }
    Supplier<Reply> action = switch (p.get(2)) {
      case "answer" -> () -> {
        agent.answer(id, ControlJson.optionalText(r.body(), "profile"));
        return new NoContent();
      };
      case "refuse" -> () -> {
        JsonNode body = r.body();
        int status = ControlJson.integer(body, "status", 603);
        if (status < 400 || status > 699) {
          throw AgentException.badRequest("'status' must be a final failure, 400 to 699");
        }
        String reason = ControlJson.optionalText(body, "reason").orElseGet(() -> StatusCodes.reasonPhrase(status));
        // the reason goes into a SIP header field: one line of printable text
        if (reason.length() > 200 || reason.chars().anyMatch(Character::isISOControl)) {
          throw AgentException.badRequest("'reason' must be at most 200 characters on one line");
        }
        agent.refuse(id, status, reason);
        return new NoContent();
      };
      case "reoffer" -> () -> {
        agent.reoffer(id, ControlJson.text(r.body(), "profile"));
        return new NoContent();
      };
      case "hangup" -> () -> {
        agent.hangUp(id);
        return new NoContent();
      };
      default -> null;
    };
    return action == null ? notFound() : methods(r, Map.of("POST", action));
  }

  /** Runs the handler of the request's method, or answers 405 with the allowed ones (RFC 9110 §15.5.6). */
  private static Reply methods(Request r, Map<String, Supplier<Reply>> handlers) {
    Supplier<Reply> handler = handlers.get(r.method);
    if (handler == null) {
      String allowed = String.join(", ", new TreeMap<>(handlers).keySet());
      return new Json(405, ControlJson.error(r.method + " is not allowed here; allowed: " + allowed),
          Map.of("Allow", allowed));
    }
    return handler.get();
  }

  private static Json ok(JsonNode body) {
    return new Json(200, body);
  }

  private static Json notFound() {
    return new Json(404, ControlJson.error("no such resource"));
  }

  // ---------------------------------------------------------------- bodies and responses

  private byte[] readBody(HttpExchange exchange) {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > maxBodyBytes) {
          throw tooLarge();
        }
      } catch (NumberFormatException e) {
        throw AgentException.badRequest("bad Content-Length");
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(maxBodyBytes + 1);
      if (bytes.length > maxBodyBytes) {
        throw tooLarge();
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private AgentException tooLarge() {
    return new AgentException(413, "the request body is larger than " + maxBodyBytes + " bytes");
  }

  private static boolean isBlank(byte[] bytes) {
    for (byte b : bytes) {
      if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
        return false;
      }
    }
    return true;
  }

  private static void sendQuietly(HttpExchange exchange, Reply reply) {
    try {
      Headers h = exchange.getResponseHeaders();
      h.set("Cache-Control", "no-store");
      switch (reply) {
        case Json j -> {
          byte[] body = ControlJson.bytes(j.body());
          j.headers().forEach(h::set);
          h.set("Content-Type", JSON_TYPE);
          exchange.sendResponseHeaders(j.status(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        }
        case NoContent n -> exchange.sendResponseHeaders(204, -1);
        case EventStream e -> throw new IllegalStateException("an event stream is not a single reply");
      }
    } catch (IOException e) {
      // the client went away; nothing to tell it
    }
  }

  // ---------------------------------------------------------------- server-sent events

  /**
   * Writes the agent's events to the client as they come (HTML Living Standard, "Server-sent
   * events"): {@code event: TYPE} and {@code data: JSON} per event, a comment at the start so
   * the client knows it is subscribed, and one every keep-alive interval so that a dead
   * connection is noticed and proxies keep it open.
   */
  private void streamEvents(HttpExchange exchange) {
    if (eventClients.size() >= maxEventClients) {
      sendQuietly(exchange, new Json(503, ControlJson.error("too many event clients (at most " + maxEventClients + ")")));
      return;
    }
    EventClient client = new EventClient(eventQueueCapacity, DROP_GRACE_MILLIS);
    eventClients.add(client);
    AgentControl.Subscription subscription = agent.subscribe(client::offer);
    try {
      if (closing) {
        client.stop(); // close() began before this client was listed
      }
      Headers h = exchange.getResponseHeaders();
      h.set("Content-Type", "text/event-stream; charset=utf-8");
      h.set("Cache-Control", "no-store");
      exchange.sendResponseHeaders(200, 0);
      OutputStream out = exchange.getResponseBody();
      write(out, ": connected\n\n");
      long keepAliveMillis = keepAliveInterval.toMillis();
      while (true) {
        EventClient.Item item = client.next(keepAliveMillis, TimeUnit.MILLISECONDS);
        switch (item) {
          case null -> write(out, ": keep-alive\n\n");
          case EventClient.Event e -> write(out, "event: " + e.event().type() + "\ndata: "
              + new String(ControlJson.bytes(ControlJson.event(e.event())), StandardCharsets.UTF_8) + "\n\n");
          case EventClient.Stop s -> {
            return;
          }
          case EventClient.Dropped d -> {
            write(out, ": dropped: this client read too slowly and missed events\n\n");
            return;
          }
        }
      }
    } catch (InterruptedException e) {
      // cut off: dropped while blocked, or the server is closing
    } catch (IOException | UncheckedIOException e) {
      // the client went away, or its connection was cut
    } finally {
      // in this order, so that a dropped client counted is already unsubscribed and unlisted
      subscription.close();
      eventClients.remove(client);
      if (client.isDropped()) {
        droppedEventClients.incrementAndGet();
      }
      client.finished();
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  // ---------------------------------------------------------------- browsers

  private Optional<String> crossSiteRefusal(Headers headers) {
    String host = headers.getFirst("Host");
    if (host != null && loopbackOnly && !isLoopbackName(host)) {
      return Optional.of("this API answers only requests addressed to localhost or a loopback address");
    }
    String origin = headers.getFirst("Origin");
    if (origin != null && (host == null || !origin.equalsIgnoreCase("http://" + host))) {
      return Optional.of("cross-origin requests are refused");
    }
    return Optional.empty();
  }

  /** Whether a Host header names this machine: localhost, or a loopback address literal. */
  static boolean isLoopbackName(String hostHeader) {
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      if (end < 0) {
        return false;
      }
      return isLoopbackLiteral(host.substring(1, end));
    }
    int colon = host.indexOf(':');
    if (colon >= 0) {
      host = host.substring(0, colon);
    }
    if (host.equals("localhost") || host.endsWith(".localhost")) {
      return true;
    }
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") && isLoopbackLiteral(host);
  }

  private static boolean isLoopbackLiteral(String literal) {
    if (literal.isEmpty() || !literal.matches("[0-9a-f:.]+")) {
      return false; // only literals: never a name lookup
    }
    try {
      return InetAddress.getByName(literal).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  // ---------------------------------------------------------------- configuration

  /** How to build a {@link ControlServer}; every limit has a default. */
  public static final class Builder {
    private final AgentControl agent;
    private InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT);
    private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration keepAliveInterval = Duration.ofSeconds(15);
    private int eventQueueCapacity = 1024;
    private int maxEventClients = 64;
    private Duration closeGrace = Duration.ofSeconds(2);

    private Builder(AgentControl agent) {
      this.agent = Objects.requireNonNull(agent, "agent");
    }

    /**
     * Where to listen; 127.0.0.1:{@value #DEFAULT_PORT} by default, port 0 for any free port.
     * Anything but a loopback address lets every host that can reach it control the agent.
     */
    public Builder address(InetSocketAddress address) {
      this.address = Objects.requireNonNull(address, "address");
      return this;
    }

    /** The largest request body accepted; larger ones are answered 413. */
    public Builder maxBodyBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBodyBytes must be positive");
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** How often an idle event stream gets a comment line (15 s by default). */
    public Builder keepAliveInterval(Duration interval) {
      if (interval.toMillis() < 1) {
        throw new IllegalArgumentException("the keep-alive interval must be at least 1 ms");
      }
      this.keepAliveInterval = interval;
      return this;
    }

    /** How many events may wait for one event client before it is dropped (1024 by default). */
    public Builder eventQueueCapacity(int events) {
      if (events < 1) {
        throw new IllegalArgumentException("eventQueueCapacity must be positive");
      }
      this.eventQueueCapacity = events;
      return this;
    }

    /** How many clients may be on {@code GET /events} at once (64 by default). */
    public Builder maxEventClients(int clients) {
      if (clients < 1) {
        throw new IllegalArgumentException("maxEventClients must be positive");
      }
      this.maxEventClients = clients;
      return this;
    }

    /** How long {@link #close()} lets requests in progress and event streams finish (2 s by default). */
    public Builder closeGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("the close grace cannot be negative");
      }
      this.closeGrace = grace;
      return this;
    }

    /** The server, not yet listening: call {@link ControlServer#start()}. */
    public ControlServer build() {
      return new ControlServer(this);
    }
  }
}
