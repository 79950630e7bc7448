package io.miville.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miville.agent.api.AgentEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The control API over a real socket, driven by a real {@link HttpClient}, against a {@link FakeAgent}. */
class ControlServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private FakeAgent agent;
  private ControlServer server;
  private URI base;

  /** An answer: status, headers and the body parsed as JSON (null when empty). */
  record Answer(int status, HttpResponse<String> response, JsonNode json) {
    String error() {
      return json.path("error").asText();
    }
  }

  @BeforeEach
  void start() {
    agent = new FakeAgent();
    startServer(ControlServer.builder(agent).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)));
  }

  private void startServer(ControlServer.Builder builder) {
    server = builder.build().start();
    base = URI.create("http://127.0.0.1:" + server.address().getPort());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Answer send(String method, String path, String body, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), r, r.body().isEmpty() ? null : JSON.readTree(r.body()));
  }

  private Answer get(String path) throws Exception {
    return send("GET", path, null);
  }

  /** The status of a request written by hand, for what a client library would not send. */
  private int rawStatus(String request) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), server.address().getPort())) {
      s.setSoTimeout(20_000);
      s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String statusLine = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }

  @Test
  void startsOnAnEphemeralLoopbackPort() {
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(server.address().getPort()).isPositive();
    assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void agentInfo() throws Exception {
    Answer a = get("/agent");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.response().headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(a.json().toString()).isEqualTo("{\"name\":\"alice\",\"sipAddress\":\"sip:alice@127.0.0.1:5070\",\"autoAnswer\":false}");
  }

  @Nested
  class Contacts {
    @Test
    void putListGetDelete() throws Exception {
      Answer put = send("PUT", "/contacts/bob",
          "{\"address\": \"sip:bob@10.0.0.2:5060\", \"autoAnswer\": true, \"defaultProfile\": \"hifi\"}");
      assertThat(put.status()).isEqualTo(200);
      assertThat(put.json().toString()).isEqualTo("{\"name\":\"bob\",\"address\":\"sip:bob@10.0.0.2:5060\","
          + "\"autoAnswer\":true,\"defaultProfile\":\"hifi\",\"auto\":false}");
      assertThat(send("PUT", "/contacts/carol", "{\"address\": \"carol@10.0.0.3\"}").json().path("address").asText())
          .isEqualTo("sip:carol@10.0.0.3");

      Answer list = get("/contacts");
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.json().path("contacts")).extracting(n -> n.path("name").asText()).containsExactly("bob", "carol");
      assertThat(list.json().path("contacts").get(1).has("defaultProfile")).isFalse();
      assertThat(get("/contacts/bob").json()).isEqualTo(put.json());

      Answer delete = send("DELETE", "/contacts/bob", null);
      assertThat(delete.status()).isEqualTo(204);
      assertThat(delete.json()).isNull();
      assertThat(agent.contacts()).extracting(c -> c.name()).containsExactly("carol");
      Answer again = send("DELETE", "/contacts/bob", null);
      assertThat(again.status()).isEqualTo(404);
      assertThat(again.error()).isEqualTo("no contact named 'bob'");
      assertThat(get("/contacts/bob").status()).isEqualTo(404);
    }

    @Test
    void namesInPathsArePercentDecoded() throws Exception {
      Answer put = send("PUT", "/contacts/Bob%20%2F%20studio%20%C3%A9t%C3%A9+1", "{\"address\": \"sip:bob@10.0.0.2\"}");
      assertThat(put.status()).isEqualTo(200);
      assertThat(put.json().path("name").asText()).isEqualTo("Bob / studio été+1");
      assertThat(get("/contacts/Bob%20%2F%20studio%20%C3%A9t%C3%A9+1").status()).isEqualTo(200);
      // a client library will not even send a malformed escape: write it by hand
      assertThat(rawStatus("GET /contacts/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).isEqualTo(400);
      assertThat(rawStatus("GET /contacts/a%2 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).isEqualTo(400);
      assertThat(send("PUT", "/contacts/%C3", "{\"address\": \"sip:x@y\"}").error()).isEqualTo("the request path is not UTF-8");
      assertThat(send("PUT", "/contacts/a%0Ab", "{\"address\": \"sip:x@y\"}").error())
          .isEqualTo("a contact name must be 1 to 200 printable characters");
    }

    @Test
    void keepTurnsAnAutoContactIntoAnOrdinaryOne() throws Exception {
      agent.incoming("sip:dave@10.0.0.4", "default");
      assertThat(get("/contacts").json().path("contacts").get(0).path("auto").asBoolean()).isTrue();
      Answer keep = send("POST", "/contacts/dave@10.0.0.4/keep", null);
      assertThat(keep.status()).isEqualTo(200);
      assertThat(keep.json().path("auto").asBoolean()).isFalse();
      assertThat(agent.contacts().get(0).auto()).isFalse();
      assertThat(send("POST", "/contacts/nobody/keep", null).status()).isEqualTo(404);
    }

    @Test
    void badContactsAre400() throws Exception {
      assertThat(send("PUT", "/contacts/bob", "{}").error()).isEqualTo("'address' is required");
      assertThat(send("PUT", "/contacts/bob", "{\"address\": 5}").error()).isEqualTo("'address' must be a string");
      assertThat(send("PUT", "/contacts/bob", "{\"address\": \"sip:bob@\"}").status()).isEqualTo(400);
      assertThat(send("PUT", "/contacts/bob", "{\"address\": \"sip:b@h\", \"autoAnswer\": \"yes\"}").error())
          .isEqualTo("'autoAnswer' must be true or false");
      assertThat(send("PUT", "/contacts/bob", "{\"address\": \"sip:b@h\", \"name\": \"carol\"}").error())
          .isEqualTo("the body names another contact than the path");
      assertThat(agent.contacts()).isEmpty();
    }
  }

  @Nested
  class ProfilesEndpoints {
    @Test
    void listsBuiltInsAndPutsUserProfiles() throws Exception {
      Answer list = get("/profiles");
      assertThat(list.json().path("profiles")).extracting(n -> n.path("name").asText())
          .containsExactly("default", "hifi", "listen-only", "deaf");
      assertThat(list.json().path("profiles").get(0).path("builtIn").asBoolean()).isTrue();

      Answer put = send("PUT", "/profiles/studio",
          "{\"settings\": {\"/send/audio/codec\": \"L16\", \"/send/audio/channels\": 2, \"/recv/audio/enabled\": false}}");
      assertThat(put.status()).isEqualTo(200);
      assertThat(put.json().toString()).isEqualTo("{\"name\":\"studio\",\"builtIn\":false,\"settings\":"
          + "{\"/send/audio/codec\":\"L16\",\"/send/audio/channels\":\"2\",\"/recv/audio/enabled\":\"false\"}}");
      assertThat(get("/profiles/studio").json()).isEqualTo(put.json());
      assertThat(get("/profiles/none").status()).isEqualTo(404);
    }

    @Test
    void refusesBuiltInsAndBadSettings() throws Exception {
      Answer builtIn = send("PUT", "/profiles/default", "{\"settings\": {}}");
      assertThat(builtIn.status()).isEqualTo(400);
      assertThat(builtIn.error()).isEqualTo("'default' is a built-in profile");
      assertThat(send("PUT", "/profiles/x", "{\"settings\": {\"no-slash\": \"1\"}}").error()).isEqualTo("not an OSC path: no-slash");
      assertThat(send("PUT", "/profiles/x", "{\"settings\": {\"/a\": [1]}}").error())
          .isEqualTo("setting '/a' must be a string, number or boolean");
      assertThat(send("PUT", "/profiles/x", "{}").error()).isEqualTo("'settings' is required");
      assertThat(send("PUT", "/profiles/bad%20name", "{\"settings\": {}}").status()).isEqualTo(400);
    }
  }

  @Nested
  class CallsAndSessions {
    @Test
    void callCreatesASessionWithTheContactsDefaultProfile() throws Exception {
      send("PUT", "/contacts/bob", "{\"address\": \"sip:bob@10.0.0.2\", \"defaultProfile\": \"hifi\"}");
      Answer call = send("POST", "/calls", "{\"to\": \"bob\"}");
      assertThat(call.status()).isEqualTo(201);
      assertThat(call.json().toString()).isEqualTo("{\"session\":\"s1\"}");
      assertThat(call.response().headers().firstValue("Location")).hasValue("/sessions/s1");

      Answer session = get("/sessions/s1");
      assertThat(session.status()).isEqualTo(200);
      assertThat(session.json().toString()).isEqualTo("{\"id\":\"s1\",\"peer\":\"bob\",\"role\":\"offerer\","
          + "\"state\":\"calling\",\"profile\":\"hifi\",\"started\":\"2025-03-01T10:00:01Z\",\"streams\":[]}");
      assertThat(send("POST", "/calls", "{\"to\": \"sip:carol@10.0.0.3\", \"profile\": \"deaf\"}").status()).isEqualTo(201);
      assertThat(agent.actions()).containsExactly("call bob hifi", "call sip:carol@10.0.0.3 deaf");
      assertThat(get("/sessions").json().path("sessions")).extracting(n -> n.path("id").asText()).containsExactly("s2", "s1");
    }

    @Test
    void badCallsAreRefusedWithTheAgentsStatus() throws Exception {
      Answer unknown = send("POST", "/calls", "{\"to\": \"zed\"}");
      assertThat(unknown.status()).isEqualTo(404);
      assertThat(unknown.error()).isEqualTo("no contact named 'zed'");
      assertThat(send("POST", "/calls", "{}").error()).isEqualTo("'to' is required");
      assertThat(send("POST", "/calls", "{\"to\": \" \"}").error()).isEqualTo("'to' is empty");
      assertThat(send("POST", "/calls", "{\"to\": \"sip:x@y\", \"profile\": \"nope\"}").status()).isEqualTo(404);
      assertThat(get("/sessions/s9").error()).isEqualTo("no session 's9'");
    }

    @Test
    void answerReofferHangUp() throws Exception {
      String id = agent.incoming("sip:bob@10.0.0.2", "default");
      Answer answer = send("POST", "/sessions/" + id + "/answer", "{\"profile\": \"hifi\"}");
      assertThat(answer.status()).isEqualTo(204);
      assertThat(get("/sessions/" + id).json().path("state").asText()).isEqualTo("active");
      Answer twice = send("POST", "/sessions/" + id + "/answer", null);
      assertThat(twice.status()).isEqualTo(409);
      assertThat(twice.error()).isEqualTo("session s1 is active, not incoming");

      agent.establish(id);
      JsonNode stream = get("/sessions/" + id).json().path("streams").get(1);
      assertThat(stream.toString()).isEqualTo("{\"name\":\"audio-2\",\"media\":\"audio\",\"end\":\"sink\","
          + "\"format\":\"L16/48000/2\",\"localPort\":20010,\"remote\":\"127.0.0.1:30010\",\"stateCode\":200,"
          + "\"stateMessage\":\"receiving\",\"peerStateCode\":200,\"peerStateMessage\":\"streaming\",\"packets\":1498,"
          + "\"lost\":2,\"jitterMs\":1.25}");

      assertThat(send("POST", "/sessions/" + id + "/reoffer", "{\"profile\": \"deaf\"}").status()).isEqualTo(204);
      assertThat(send("POST", "/sessions/" + id + "/reoffer", "{}").error()).isEqualTo("'profile' is required");
      assertThat(send("POST", "/sessions/" + id + "/hangup", null).status()).isEqualTo(204);
      assertThat(send("POST", "/sessions/" + id + "/hangup", null).status()).isEqualTo(409);
      JsonNode ended = get("/sessions/" + id).json();
      assertThat(ended.path("state").asText()).isEqualTo("ended");
      assertThat(ended.path("ending").asText()).isEqualTo("hung up");
      assertThat(agent.actions()).containsExactly("answer s1 hifi", "reoffer s1 deaf", "hangup s1");
    }

    @Test
    void refuseWithDefaultsAndWithAStatusAndReason() throws Exception {
      String first = agent.incoming("sip:bob@10.0.0.2", "default");
      String second = agent.incoming("sip:carol@10.0.0.3", "default");
      String third = agent.incoming("sip:dave@10.0.0.4", "default");
      assertThat(send("POST", "/sessions/" + first + "/refuse", null).status()).isEqualTo(204);
      assertThat(send("POST", "/sessions/" + second + "/refuse", "{\"status\": 486, \"reason\": \"in a meeting\"}").status())
          .isEqualTo(204);
      assertThat(send("POST", "/sessions/" + third + "/refuse", "{\"status\": 200}").error())
          .isEqualTo("'status' must be a final failure, 400 to 699");
      assertThat(send("POST", "/sessions/" + third + "/refuse", "{\"status\": \"486\"}").error())
          .isEqualTo("'status' must be an integer");
      assertThat(send("POST", "/sessions/" + third + "/refuse", "{\"reason\": \"a\\r\\nVia: evil\"}").error())
          .isEqualTo("'reason' must be at most 200 characters on one line");
      assertThat(agent.actions()).containsExactly("refuse s1 603 Decline", "refuse s2 486 in a meeting");
      assertThat(get("/sessions/" + second).json().path("ending").asText()).isEqualTo("refused: 486 in a meeting");
    }
  }

  @Nested
  class ProtocolErrors {
    @Test
    void malformedJsonIs400WithoutEchoingTheInput() throws Exception {
      Answer a = send("POST", "/calls", "{\"to\": secret-token}");
      assertThat(a.status()).isEqualTo(400);
      assertThat(a.error()).startsWith("malformed JSON at line 1, column ").doesNotContain("secret");
      assertThat(send("POST", "/calls", "[\"bob\"]").error()).isEqualTo("the request body must be a JSON object");
      assertThat(send("POST", "/calls", "{\"to\": \"bob\", \"to\": \"carol\"}").error()).startsWith("malformed JSON");
      assertThat(send("POST", "/calls", "{\"to\": \"bob\"} {}").error()).startsWith("malformed JSON");
      assertThat(send("POST", "/calls", "{\"to\": \"bob\"").error()).startsWith("malformed JSON");
      assertThat(agent.actions()).isEmpty();
    }

    @Test
    void bodiesAreBoundedAt64KiB() throws Exception {
      String head = "{\"settings\": {\"/send/audio/tone\": \"440\"}}";
      String exactly = head + " ".repeat(ControlServer.DEFAULT_MAX_BODY_BYTES - head.length());
      assertThat(send("PUT", "/profiles/big", exactly).status()).isEqualTo(200);
      Answer tooBig = send("PUT", "/profiles/big", exactly + " ");
      assertThat(tooBig.status()).isEqualTo(413);
      assertThat(tooBig.error()).isEqualTo("the request body is larger than 65536 bytes");
      // without a Content-Length (chunked), the read itself stops one byte past the limit
      byte[] chunked = (exactly + " ").getBytes(StandardCharsets.UTF_8);
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/profiles/big"))
          .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(chunked))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(413);
      // the server keeps serving
      assertThat(get("/agent").status()).isEqualTo(200);
    }

    @Test
    void unknownPathsAre404() throws Exception {
      for (String path : List.of("/", "/nope", "/agent/x", "/contacts/a/b", "/contacts/a/keep/x", "/sessions/s1/x",
          "/sessions/s1/answer/x", "/calls/x", "/events/x", "/profiles/a/b")) {
        Answer a = get(path);
        assertThat(a.status()).as(path).isEqualTo(404);
        assertThat(a.error()).as(path).isEqualTo("no such resource");
      }
      assertThat(rawStatus("GET //agent HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")).isEqualTo(404);
      assertThat(get("/agent/").status()).isEqualTo(200);
    }

    @Test
    void wrongMethodsAre405WithAllow() throws Exception {
      Answer a = send("DELETE", "/agent", null);
      assertThat(a.status()).isEqualTo(405);
      assertThat(a.response().headers().firstValue("Allow")).hasValue("GET");
      assertThat(a.error()).isEqualTo("DELETE is not allowed here; allowed: GET");
      assertThat(get("/calls").response().headers().firstValue("Allow")).hasValue("POST");
      assertThat(send("POST", "/contacts/bob", "{}").response().headers().firstValue("Allow")).hasValue("DELETE, GET, PUT");
      assertThat(get("/sessions/s1/hangup").status()).isEqualTo(405);
      assertThat(send("POST", "/events", null).status()).isEqualTo(405);
    }

    @Test
    void crossOriginRequestsAreRefused() throws Exception {
      Answer a = send("POST", "/calls", "{\"to\": \"sip:x@y\"}", "Origin", "http://evil.example");
      assertThat(a.status()).isEqualTo(403);
      assertThat(agent.actions()).isEmpty();
      String self = "http://127.0.0.1:" + server.address().getPort();
      assertThat(send("GET", "/agent", null, "Origin", self).status()).isEqualTo(200);
    }

    @Test
    void foreignHostNamesAreRefusedOnLoopback() throws Exception {
      assertThat(rawStatus("GET /agent HTTP/1.1\r\nHost: evil.example:7070\r\n\r\n")).isEqualTo(403);
      assertThat(rawStatus("GET /agent HTTP/1.1\r\nHost: localhost:7070\r\n\r\n")).isEqualTo(200);
      assertThat(rawStatus("GET /agent HTTP/1.1\r\nHost: [::1]:7070\r\n\r\n")).isEqualTo(200);
      assertThat(ControlServer.isLoopbackName("127.8.9.10")).isTrue();
      assertThat(ControlServer.isLoopbackName("10.0.0.1:7070")).isFalse();
      assertThat(ControlServer.isLoopbackName("[fe80::1]")).isFalse();
      assertThat(ControlServer.isLoopbackName("127.0.0.1.evil.example")).isFalse();
    }

    @Test
    void concurrentRequestsAreAllServed() throws Exception {
      List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        all.add(http.sendAsync(HttpRequest.newBuilder(base.resolve("/contacts/c" + i))
            .PUT(HttpRequest.BodyPublishers.ofString("{\"address\": \"sip:c" + i + "@10.0.0.9\"}")).build(),
            HttpResponse.BodyHandlers.ofString()));
      }
      for (var f : all) {
        assertThat(f.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(get("/contacts").json().path("contacts")).hasSize(40);
    }
  }

  @Nested
  class Events {
    @Test
    void deliversEveryEventInOrderWithItsTypeAndData() throws Exception {
      try (SseClient events = new SseClient(http, base).awaitConnected()) {
        assertThat(events.status()).isEqualTo(200);
        assertThat(events.response().headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        String in = agent.incoming("sip:bob@10.0.0.2", "hifi");
        send("POST", "/sessions/" + in + "/answer", null);
        agent.establish(in);
        send("POST", "/calls", "{\"to\": \"sip:carol@10.0.0.3\"}");
        send("POST", "/sessions/" + in + "/hangup", null);

        List<SseClient.Event> got = events.awaitEvents(7);
        assertThat(got).extracting(SseClient.Event::type)
            .containsExactly("incoming", "session", "session", "stream", "stream", "session", "ended");
        assertThat(got.get(0).data().toString()).isEqualTo("{\"type\":\"incoming\",\"sessionId\":\"s1\","
            + "\"from\":\"sip:bob@10.0.0.2\",\"profile\":\"hifi\",\"autoAnswered\":false}");
        assertThat(got.get(1).data().toString()).isEqualTo("{\"type\":\"session\",\"sessionId\":\"s1\",\"state\":\"active\"}");
        assertThat(got.get(4).data().toString()).isEqualTo("{\"type\":\"stream\",\"sessionId\":\"s1\",\"stream\":\"audio-2\","
            + "\"end\":\"sink\",\"local\":true,\"code\":200,\"message\":\"receiving\"}");
        assertThat(got.get(5).data().path("sessionId").asText()).isEqualTo("s2");
        assertThat(got.get(6).data().toString()).isEqualTo("{\"type\":\"ended\",\"sessionId\":\"s1\",\"reason\":\"hung up\"}");
      }
    }

    @Test
    void multiLineTextStaysOnOneDataLine() throws Exception {
      try (SseClient events = new SseClient(http, base).awaitConnected()) {
        agent.emit(new AgentEvent.Ended("s1", "line one\n\nevent: fake\ndata: {}"));
        assertThat(events.awaitEvents(1).get(0).data().path("reason").asText()).isEqualTo("line one\n\nevent: fake\ndata: {}");
        agent.emit(new AgentEvent.SessionChanged("s1", "active"));
        assertThat(events.awaitEvents(2).get(1).type()).isEqualTo("session");
      }
    }

    @Test
    void idleStreamsGetKeepAliveComments() throws Exception {
      server.close();
      startServer(ControlServer.builder(agent).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
          .keepAliveInterval(Duration.ofMillis(20)));
      try (SseClient events = new SseClient(http, base).awaitConnected()) {
        events.awaitComment("keep-alive");
        assertThat(events.eventCount()).isZero();
      }
    }

    @Test
    void closingTheServerEndsStreamsCleanlyAfterQueuedEvents() throws Exception {
      SseClient events = new SseClient(http, base).awaitConnected();
      agent.emit(new AgentEvent.Ended("s1", "agent stopping"));
      long t0 = System.nanoTime();
      server.close();
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
      assertThat(events.awaitEnd()).as("ended without an I/O error").isTrue();
      assertThat(events.eventCount()).isEqualTo(1);
      assertThat(agent.subscribers()).isZero();
      assertThat(server.eventClients()).isZero();
      assertThatThrownBy(() -> get("/agent")).isInstanceOf(ConnectException.class);
      server.close(); // idempotent
    }

    @Test
    void clientsLeavingReleaseTheirSubscription() throws Exception {
      server.close();
      startServer(ControlServer.builder(agent).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
          .keepAliveInterval(Duration.ofMillis(20)));
      SseClient events = new SseClient(http, base).awaitConnected();
      assertThat(agent.subscribers()).isEqualTo(1);
      events.close();
      // the server notices on its next write, a keep-alive at the latest
      assertThat(agent.awaitSubscribers(0, Duration.ofSeconds(20))).isTrue();
      assertThat(server.droppedEventClients()).isZero();
    }

    @Test
    void eventClientsAreBounded() throws Exception {
      server.close();
      startServer(ControlServer.builder(agent).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
          .maxEventClients(1));
      try (SseClient first = new SseClient(http, base).awaitConnected()) {
        Answer second = get("/events");
        assertThat(second.status()).isEqualTo(503);
        assertThat(second.error()).isEqualTo("too many event clients (at most 1)");
        assertThat(first.status()).isEqualTo(200);
      }
    }

    @Test
    void aSlowClientIsDroppedWithoutBlockingTheAgentOrOtherClients() throws Exception {
      server.close();
      startServer(ControlServer.builder(agent).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
          .eventQueueCapacity(16));
      try (Socket slow = new Socket(); SseClient fast = new SseClient(http, base).awaitConnected()) {
        // a client that subscribes, then stops reading, with a small window
        slow.setReceiveBufferSize(4096);
        slow.connect(server.address());
        slow.setSoTimeout(20_000);
        OutputStream out = slow.getOutputStream();
        out.write(("GET /events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = slow.getInputStream();
        readUntil(in, ": connected\n\n");
        assertThat(server.eventClients()).isEqualTo(2);

        // the agent keeps emitting in small batches that the fast client keeps up with
        String padding = "x".repeat(2000);
        int sent = 0;
        while (server.droppedEventClients() == 0 && sent < 40_000) {
          for (int i = 0; i < 8; i++) {
            agent.emit(new AgentEvent.StreamChanged("s1", "audio-1", "sink", true, 200, padding + "#" + sent++));
          }
          fast.awaitEvents(sent);
        }
        assertThat(server.droppedEventClients()).isEqualTo(1);
        assertThat(server.eventClients()).isEqualTo(1);
        assertThat(agent.subscribers()).isEqualTo(1);

        // the fast client got everything, in order
        List<SseClient.Event> got = fast.awaitEvents(sent);
        for (int i = 0; i < sent; i++) {
          assertThat(got.get(i).data().path("message").asText()).endsWith("#" + i);
        }
        // the slow one finds its stream cut short once it reads again
        long slowEvents = countEventsUntilEnd(in);
        assertThat(slowEvents).isLessThan(sent);
      }
    }

    private static void readUntil(InputStream in, String marker) throws IOException {
      StringBuilder seen = new StringBuilder();
      while (!seen.toString().endsWith(marker)) {
        int b = in.read();
        if (b < 0) {
          throw new AssertionError("stream ended before " + marker.strip() + ": " + seen);
        }
        seen.append((char) b);
      }
    }

    /** Reads to the end (or reset) of a raw event stream, counting event lines. */
    private static long countEventsUntilEnd(InputStream in) {
      long events = 0;
      byte[] buf = new byte[65536];
      StringBuilder line = new StringBuilder();
      try {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          for (int i = 0; i < n; i++) {
            if (buf[i] == '\n') {
              if (line.toString().startsWith("event: ")) {
                events++;
              }
              line.setLength(0);
            } else if (line.length() < 16) {
              line.append((char) buf[i]);
            }
          }
        }
      } catch (IOException reset) {
        // a cut connection may end in a reset: that is the end too
      }
      return events;
    }
  }
}
