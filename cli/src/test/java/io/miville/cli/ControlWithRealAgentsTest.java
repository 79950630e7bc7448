package io.miville.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.miville.agent.Agent;
import io.miville.agent.api.AgentEvent;
import io.miville.agent.control.ControlServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI verbs driving two real agents through their control servers: Alice calls Bob, Bob
 * answers the only incoming call, audio runs both ways, Alice hangs up.
 */
class ControlWithRealAgentsTest {
  @TempDir Path dir;
  private Agent alice;
  private Agent bob;
  private ControlServer aliceControl;
  private ControlServer bobControl;
  private final BlockingQueue<AgentEvent> aliceEvents = new LinkedBlockingQueue<>();
  private final BlockingQueue<AgentEvent> bobEvents = new LinkedBlockingQueue<>();

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {aliceControl, bobControl, alice, bob}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static ControlServer control(Agent agent) {
    return ControlServer.builder(agent).address(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).build().start();
  }

  private static String hostPort(ControlServer s) {
    return "127.0.0.1:" + s.address().getPort();
  }

  private static AgentEvent await(BlockingQueue<AgentEvent> q, Predicate<AgentEvent> p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      AgentEvent e = q.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("event not seen within 15 s");
      }
      if (p.test(e)) {
        return e;
      }
    }
  }

  @Test
  void callAnswerSessionsHangup() throws Exception {
    alice = Agent.start(Agent.AgentSettings.of("alice", new InetSocketAddress("127.0.0.1", 0), dir.resolve("alice"), false));
    bob = Agent.start(Agent.AgentSettings.of("bob", new InetSocketAddress("127.0.0.1", 0), dir.resolve("bob"), false));
    alice.subscribe(aliceEvents::add);
    bob.subscribe(bobEvents::add);
    aliceControl = control(alice);
    bobControl = control(bob);
    String a = hostPort(aliceControl);
    String b = hostPort(bobControl);

    Cli.Result add = Cli.run("contacts", "add", "bob", bob.sipUri().toString(), "--control", a);
    assertThat(add.exitCode()).as(add.err()).isZero();
    Cli.Result call = Cli.run("call", "bob", "--control", a);
    assertThat(call.exitCode()).as(call.err()).isZero();
    assertThat(call.out()).startsWith("calling bob: session ");
    String aliceSession = call.out().strip().substring("calling bob: session ".length());

    AgentEvent.Incoming incoming = (AgentEvent.Incoming) await(bobEvents, e -> e instanceof AgentEvent.Incoming);
    Cli.Result answer = Cli.run("answer", "--control", b);
    assertThat(answer.exitCode()).as(answer.err()).isZero();
    assertThat(answer.out()).isEqualTo("answered " + incoming.sessionId() + "\n");

    // audio both ways: Alice's own sink streams, and Bob reports his
    await(aliceEvents, e -> e instanceof AgentEvent.StreamChanged s && s.end().equals("sink") && s.local() && s.code() == 200);
    await(aliceEvents, e -> e instanceof AgentEvent.StreamChanged s && s.end().equals("sink") && !s.local() && s.code() == 200);

    Cli.Result sessions = Cli.run("sessions", "--control", a);
    assertThat(sessions.exitCode()).as(sessions.err()).isZero();
    assertThat(sessions.out())
        .containsPattern("(?m)^" + aliceSession + " +bob +offerer +active +default ")
        .containsPattern("(?m)^  \\S+ +audio +source +\\S+ +\\d+ -> 127\\.0\\.0\\.1:\\d+ +")
        .containsPattern("(?m)^  \\S+ +audio +sink +\\S+ +\\d+ <- 127\\.0\\.0\\.1:\\d+ +200 ");

    Cli.Result contacts = Cli.run("contacts", "--control", b);
    assertThat(contacts.out()).contains("(auto)").contains(alice.sipUri().toString());

    Cli.Result hangup = Cli.run("hangup", "--control", a);
    assertThat(hangup.exitCode()).as(hangup.err()).isZero();
    assertThat(hangup.out()).isEqualTo("hung up " + aliceSession + "\n");
    await(bobEvents, e -> e instanceof AgentEvent.Ended);
    await(aliceEvents, e -> e instanceof AgentEvent.Ended);

    Cli.Result json = Cli.run("sessions", "--json", "--control", b);
    JsonNode bobSession = new ObjectMapper().readTree(json.out()).path("sessions").get(0);
    assertThat(bobSession.path("id").asText()).isEqualTo(incoming.sessionId());
    assertThat(bobSession.path("state").asText()).isEqualTo("ended");
    assertThat(Cli.run("hangup", "--control", a).err()).isEqualTo("miville hangup: no session in progress\n");
  }
}
