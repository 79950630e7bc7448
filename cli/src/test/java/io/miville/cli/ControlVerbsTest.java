package io.miville.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.miville.agent.api.AgentEvent;
import io.miville.agent.control.ControlServer;
import io.miville.agent.control.FakeAgent;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The CLI verbs run in-process against a real {@link ControlServer} on an ephemeral port, over a
 * {@link FakeAgent} that holds the state and emits the events.
 */
class ControlVerbsTest {
  private FakeAgent agent;
  private ControlServer server;
  private String control;

  @BeforeEach
  void start() {
    agent = new FakeAgent();
    server = ControlServer.builder(agent).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build().start();
    control = "127.0.0.1:" + server.address().getPort();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** Runs {@code miville VERB ARGS... --control HOST:PORT}. */
  private Cli.Result run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--control";
    all[args.length + 1] = control;
    return Cli.run(all);
  }

  private static void assertOk(Cli.Result r, String out) {
    assertThat(r.err()).isEmpty();
    assertThat(r.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(r.out()).isEqualTo(out);
  }

  private static void assertRefused(Cli.Result r, String err) {
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo(err + "\n");
  }

  @Nested
  class Contacts {
    @Test
    void addListKeepRemove() {
      assertOk(run("contacts"), "no contacts\n");
      assertOk(run("contacts", "add", "bob", "sip:bob@10.0.0.2", "--auto-answer", "--profile", "hifi"),
          "saved bob: sip:bob@10.0.0.2, answered automatically, profile hifi\n");
      assertOk(run("contacts", "add", "Carol / studio", "carol@10.0.0.3"), "saved Carol / studio: sip:carol@10.0.0.3\n");
      agent.incoming("sip:dave@10.0.0.4", "default");
      Cli.Result list = run("contacts", "list");
      assertThat(list.exitCode()).isZero();
      assertThat(list.out().lines()).containsExactly(
          "NAME                  ADDRESS             AUTO-ANSWER  PROFILE",
          "bob                   sip:bob@10.0.0.2    yes          hifi",
          "Carol / studio        sip:carol@10.0.0.3  no           -",
          "dave@10.0.0.4 (auto)  sip:dave@10.0.0.4   no           -");
      assertThat(run("contacts").out()).isEqualTo(list.out());

      assertOk(run("contacts", "keep", "dave@10.0.0.4"), "kept dave@10.0.0.4\n");
      assertThat(agent.contacts().get(2).auto()).isFalse();
      assertOk(run("contacts", "remove", "Carol / studio"), "removed Carol / studio\n");
      assertThat(agent.contacts()).extracting(c -> c.name()).containsExactly("bob", "dave@10.0.0.4");
    }

    @Test
    void refusalsPrintTheAgentsErrorAndExit1() {
      assertRefused(run("contacts", "remove", "zed"), "miville contacts remove: no contact named 'zed'");
      assertRefused(run("contacts", "keep", "zed"), "miville contacts keep: no contact named 'zed'");
      Cli.Result bad = run("contacts", "add", "x", "sip:@@");
      assertThat(bad.exitCode()).isEqualTo(ExitCode.FAILURE);
      assertThat(bad.err()).startsWith("miville contacts add: not a SIP address");
    }

    @Test
    void theParentsControlOptionReachesTheSubcommand() {
      Cli.Result r = Cli.run("contacts", "--control", control, "add", "bob", "sip:bob@10.0.0.2");
      assertOk(r, "saved bob: sip:bob@10.0.0.2\n");
      assertThat(agent.contacts()).hasSize(1);
    }

    @Test
    void missingArgumentsAreUsageErrors() {
      Cli.Result r = run("contacts", "add", "bob");
      assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("Missing required parameter: 'ADDRESS'");
      assertThat(agent.contacts()).isEmpty();
    }
  }

  @Nested
  class Calls {
    @Test
    void callPrintsTheSession() {
      run("contacts", "add", "bob", "sip:bob@10.0.0.2", "--profile", "hifi");
      assertOk(run("call", "bob"), "calling bob: session s1\n");
      assertOk(run("call", "sip:carol@10.0.0.3", "--profile", "deaf"), "calling sip:carol@10.0.0.3: session s2\n");
      assertThat(agent.actions()).containsExactly("call bob hifi", "call sip:carol@10.0.0.3 deaf");
      assertRefused(run("call", "zed"), "miville call: no contact named 'zed'");
    }

    @Test
    void answerTakesTheOnlyIncomingCall() {
      assertRefused(run("answer"), "miville answer: no incoming call");
      String first = agent.incoming("sip:bob@10.0.0.2", "default");
      agent.call("sip:carol@10.0.0.3", java.util.Optional.empty()); // calling: not a candidate
      assertOk(run("answer", "--profile", "hifi"), "answered " + first + "\n");
      assertThat(agent.actions()).last().isEqualTo("answer s1 hifi");

      String second = agent.incoming("sip:dave@10.0.0.4", "default");
      String third = agent.incoming("sip:erin@10.0.0.5", "default");
      assertRefused(run("answer"), "miville answer: 2 incoming calls: " + third + " (erin@10.0.0.5, incoming), "
          + second + " (dave@10.0.0.4, incoming); name one");
      assertOk(run("answer", second), "answered " + second + "\n");
      assertRefused(run("answer", second), "miville answer: session s3 is active, not incoming");
    }

    @Test
    void refuseTakesTheOnlyIncomingCallWithAStatusAndReason() {
      String id = agent.incoming("sip:bob@10.0.0.2", "default");
      assertOk(run("refuse", "--status", "486", "--reason", "in a meeting"), "refused " + id + " with 486 in a meeting\n");
      String next = agent.incoming("sip:bob@10.0.0.2", "default");
      assertOk(run("refuse", next), "refused " + next + " with 603\n");
      assertThat(agent.actions()).containsExactly("refuse s1 486 in a meeting", "refuse s2 603 Decline");
      String third = agent.incoming("sip:bob@10.0.0.2", "default");
      assertRefused(run("refuse", third, "--status", "200"), "miville refuse: 'status' must be a final failure, 400 to 699");
      assertRefused(run("refuse", "s99"), "miville refuse: no session 's99'");
    }

    @Test
    void hangupTakesTheOnlySessionInProgress() {
      assertRefused(run("hangup"), "miville hangup: no session in progress");
      agent.incoming("sip:bob@10.0.0.2", "default");
      assertRefused(run("hangup"), "miville hangup: no session in progress (to turn down an incoming call: miville refuse)");
      String call = agent.call("sip:carol@10.0.0.3", java.util.Optional.empty());
      assertOk(run("hangup"), "hung up " + call + "\n");
      String a = agent.call("sip:carol@10.0.0.3", java.util.Optional.empty());
      String b = agent.call("sip:dave@10.0.0.4", java.util.Optional.empty());
      assertRefused(run("hangup"), "miville hangup: 2 sessions in progress: " + b + " (sip:dave@10.0.0.4, calling), "
          + a + " (sip:carol@10.0.0.3, calling); name one");
      assertOk(run("hangup", a), "hung up " + a + "\n");
      assertThat(agent.actions()).contains("hangup s2", "hangup s3");
    }
  }

  @Nested
  class Sessions {
    @Test
    void noSessions() {
      assertOk(run("sessions"), "no sessions\n");
    }

    @Test
    void tableShowsSessionsAndTheirStreams() {
      String in = agent.incoming("sip:bob@10.0.0.2", "hifi");
      agent.answer(in, java.util.Optional.empty());
      agent.establish(in);
      String refused = agent.incoming("sip:carol@10.0.0.3", "default");
      agent.refuse(refused, 486, "Busy Here");
      agent.call("sip:dave@10.0.0.4", java.util.Optional.of("deaf"));

      Cli.Result r = run("sessions");
      assertThat(r.exitCode()).isZero();
      assertThat(r.out().lines()).containsExactly(
          "SESSION  PEER               ROLE      STATE    PROFILE  STARTED               ENDING",
          "s3       sip:dave@10.0.0.4  offerer   calling  deaf     2025-03-01T10:00:03Z",
          "s2       carol@10.0.0.3     answerer  ended    default  2025-03-01T10:00:02Z  refused: 486 Busy Here",
          "s1       bob@10.0.0.2       answerer  active   hifi     2025-03-01T10:00:01Z",
          "  STREAM   MEDIA  END     FORMAT       PORTS                     STATE          PEER STATE     PACKETS  LOST   JITTER",
          "  audio-1  audio  source  PCMU         20000 -> 127.0.0.1:30000  200 streaming  200 receiving     1500     -        -",
          "  audio-2  audio  sink    L16/48000/2  20010 <- 127.0.0.1:30010  200 receiving  200 streaming     1498     2  1.25 ms");
    }

    @Test
    void jsonIsTheAgentsOwn() throws Exception {
      String in = agent.incoming("sip:bob@10.0.0.2", "hifi");
      agent.establish(in);
      Cli.Result r = run("sessions", "--json");
      assertThat(r.exitCode()).isZero();
      try (HttpClient http = HttpClient.newHttpClient()) {
        String direct = http.send(HttpRequest.newBuilder(URI.create("http://" + control + "/sessions")).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        assertThat(r.out()).isEqualTo(direct + "\n");
      }
      assertThat(new ObjectMapper().readTree(r.out()).path("sessions").get(0).path("streams")).hasSize(2);
    }

    @Test
    void controlCharactersFromThePeerAreNotPrinted() {
      String id = agent.incoming("sip:bob@10.0.0.2", "default");
      agent.refuse(id, 603, "x\u001b[2Jy");
      assertThat(run("sessions").out()).contains("refused: 603 x?[2Jy").doesNotContain("\u001b");
    }
  }

  @Nested
  class Events {
    @Test
    void printsOneLinePerEventUntilCount() throws Exception {
      CompletableFuture<Cli.Result> events = CompletableFuture.supplyAsync(() -> run("events", "--count", "6"));
      assertThat(agent.awaitSubscribers(1, Duration.ofSeconds(20))).isTrue();
      String in = agent.incoming("sip:bob@10.0.0.2", "hifi");
      agent.answer(in, java.util.Optional.empty());
      agent.establish(in);
      agent.emit(new AgentEvent.StreamChanged(in, "audio-1", "source", false, 408, "no packets"));
      Cli.Result r = events.get(20, TimeUnit.SECONDS);
      assertOk(r, """
          incoming s1 from sip:bob@10.0.0.2, profile hifi
          session s1 active
          session s1 active
          stream s1 audio-1 source here: 200 streaming
          stream s1 audio-2 sink here: 200 receiving
          stream s1 audio-1 source at the peer: 408 no packets
          """);
      // the CLI closed its stream: the subscription goes away
      agent.emit(new AgentEvent.Ended(in, "bye"));
      assertThat(agent.awaitSubscribers(0, Duration.ofSeconds(20))).isTrue();
    }

    @Test
    void jsonPrintsTheData() throws Exception {
      CompletableFuture<Cli.Result> events = CompletableFuture.supplyAsync(() -> run("events", "--json", "--count", "1"));
      assertThat(agent.awaitSubscribers(1, Duration.ofSeconds(20))).isTrue();
      agent.emit(new AgentEvent.Ended("s7", "hung up by peer"));
      assertOk(events.get(20, TimeUnit.SECONDS), "{\"type\":\"ended\",\"sessionId\":\"s7\",\"reason\":\"hung up by peer\"}\n");
    }

    @Test
    void theAgentStoppingEndsTheCommandWith1() throws Exception {
      CompletableFuture<Cli.Result> events = CompletableFuture.supplyAsync(() -> run("events"));
      assertThat(agent.awaitSubscribers(1, Duration.ofSeconds(20))).isTrue();
      agent.emit(new AgentEvent.Ended("s1", "agent stopping"));
      server.close();
      Cli.Result r = events.get(20, TimeUnit.SECONDS);
      assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
      assertThat(r.out()).isEqualTo("ended s1: agent stopping\n");
      assertThat(r.err()).isEqualTo("miville events: the agent ended the event stream\n");
    }

    @Test
    void countMustBePositive() {
      Cli.Result r = run("events", "--count", "0");
      assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("--count must be at least 1");
    }
  }

  @Nested
  class Unreachable {
    @Test
    void everyVerbSaysNoAgentListensAndExits2() throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort();
      }
      String where = "127.0.0.1:" + port;
      for (String[] verb : new String[][] {{"contacts"}, {"contacts", "add", "b", "sip:b@h"}, {"call", "bob"},
          {"answer"}, {"refuse", "s1"}, {"hangup"}, {"sessions"}, {"sessions", "--json"}, {"events"}}) {
        String[] args = java.util.Arrays.copyOf(verb, verb.length + 2);
        args[verb.length] = "--control";
        args[verb.length + 1] = where;
        Cli.Result r = Cli.run(args);
        assertThat(r.exitCode()).as(String.join(" ", verb)).isEqualTo(ExitCode.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).endsWith(": no agent listening on " + where + "\n").startsWith("miville " + verb[0]);
      }
    }

    @Test
    void somethingElseListeningIsNotTakenForAnAgent() throws Exception {
      HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      other.createContext("/", ex -> {
        byte[] page = "<html>not here</html>".getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html");
        ex.sendResponseHeaders(404, page.length);
        ex.getResponseBody().write(page);
        ex.close();
      });
      other.start();
      try {
        String where = "127.0.0.1:" + other.getAddress().getPort();
        Cli.Result r = Cli.run("sessions", "--control", where);
        assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
        assertThat(r.err()).isEqualTo("miville sessions: " + where + " answered HTTP 404 but not as a Miville agent\n");
        Cli.Result e = Cli.run("events", "--control", where);
        assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
      } finally {
        other.stop(0);
      }
    }

    @Test
    void aBadControlAddressIsAUsageError() {
      Cli.Result r = Cli.run("sessions", "--control", "nocolon");
      assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(r.err()).contains("expected HOST:PORT");
    }

    @Test
    void theDefaultIsTheLoopbackPort7070() {
      assertThat(Cli.run("sessions", "--help").out()).contains("--control=HOST:PORT", "127.0.0.1:7070");
      assertThat(ControlVerb.DEFAULT_CONTROL).isEqualTo("127.0.0.1:" + ControlServer.DEFAULT_PORT);
    }
  }
}
