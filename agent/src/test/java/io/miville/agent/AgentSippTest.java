package io.miville.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.agent.api.AgentEvent;
import io.miville.agent.api.SessionView;
import io.miville.testkit.FreePorts;
import io.miville.testkit.Sipp;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent with plain SIP user agents: SIPp calls it with SDP, it calls SIPp, it calls nobody. */
class AgentSippTest {
  @TempDir Path dir;
  private Agent agent;
  private final BlockingQueue<AgentEvent> events = new LinkedBlockingQueue<>();

  private void start(boolean autoAnswer, Duration inviteTimeout) {
    Agent.AgentSettings d = Agent.AgentSettings.of("bob", new InetSocketAddress("127.0.0.1", 0), dir, autoAnswer);
    agent = Agent.start(new Agent.AgentSettings(d.name(), d.sip(), d.dataDir(), d.autoAnswer(), d.noPacketsTimeout(),
        d.keepAlive(), inviteTimeout));
    agent.subscribe(events::add);
  }

  @AfterEach
  void stop() {
    if (agent != null) {
      agent.close();
    }
  }

  private AgentEvent await(Predicate<AgentEvent> p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      AgentEvent e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("event not seen within 20 s");
      }
      if (p.test(e)) {
        return e;
      }
    }
  }

  @Test
  void sippCallsAnAutoAnsweringAgentWithSdpAndTheAgentReportsTheNegotiatedPorts() throws Exception {
    start(true, Duration.ofSeconds(10));
    int mediaPort = FreePorts.udpAndTcp();
    int sipPort = agent.sipUri().port().orElseThrow();
    try (Sipp.Running sipp = Sipp.builtIn("uac").args("-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()),
        "-mp", Integer.toString(mediaPort), "-m", "1", "-d", "3000", "-timeout", "30s", "127.0.0.1:" + sipPort)
        .bound(Duration.ofSeconds(40)).start()) {
      AgentEvent.Incoming in = (AgentEvent.Incoming) await(e -> e instanceof AgentEvent.Incoming);
      assertThat(in.autoAnswered()).isTrue();
      await(e -> e instanceof AgentEvent.StreamChanged s && s.end().equals("source") && s.code() == 200);
      SessionView s = agent.session(in.sessionId()).orElseThrow();
      assertThat(s.role()).isEqualTo("answerer");
      assertThat(s.streams()).singleElement().satisfies(v -> {
        assertThat(v.end()).isEqualTo("source");
        assertThat(v.format()).isEqualTo("PCMU");
        assertThat(v.remote()).isEqualTo("127.0.0.1:" + mediaPort);
      });
      Sipp.Result r = sipp.await();
      assertThat(r.exitCode()).as(r.describe()).isZero();
      assertThat(r.successfulCalls()).isEqualTo(1);
    }
    AgentEvent.Ended end = (AgentEvent.Ended) await(e -> e instanceof AgentEvent.Ended);
    assertThat(end.reason()).isEqualTo("hung up by peer");
    assertThat(agent.heldPorts()).isEmpty();
  }

  @Test
  void theAgentCallsSippUas() throws Exception {
    start(false, Duration.ofSeconds(10));
    int sippPort = FreePorts.udpAndTcp();
    try (Sipp.Running sipp = Sipp.builtIn("uas").args("-i", "127.0.0.1", "-p", Integer.toString(sippPort), "-m", "1")
        .bound(Duration.ofSeconds(40)).start()) {
      String id = agent.call("sip:sipp@127.0.0.1:" + sippPort, Optional.empty());
      await(e -> e instanceof AgentEvent.SessionChanged c && c.state().equals("active"));
      assertThat(agent.session(id).orElseThrow().streams()).isNotEmpty();
      agent.hangUp(id);
      AgentEvent.Ended end = (AgentEvent.Ended) await(e -> e instanceof AgentEvent.Ended);
      assertThat(end.reason()).isEqualTo("hung up");
      Sipp.Result r = sipp.await();
      assertThat(r.exitCode()).as(r.describe()).isZero();
      assertThat(r.successfulCalls()).isEqualTo(1);
    }
    assertThat(agent.heldPorts()).isEmpty();
  }

  @Test
  void callingWhereNoAgentRunsEndsWithAClearReasonWithinTheTimeout() throws Exception {
    start(false, Duration.ofSeconds(2));
    long t0 = System.nanoTime();
    agent.call("sip:nobody@127.0.0.1:" + FreePorts.udpAndTcp(), Optional.empty());
    AgentEvent.Ended end = (AgentEvent.Ended) await(e -> e instanceof AgentEvent.Ended);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(end.reason()).matches("(no answer|unreachable): .+");
    assertThat(agent.heldPorts()).isEmpty();
  }
}
