package io.miville.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.agent.api.AgentEvent;
import io.miville.agent.api.AgentException;
import io.miville.agent.api.SessionView;
import io.miville.agent.api.StreamView;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two real agents on loopback: SIP over UDP, RTP audio both ways. */
class AgentCallTest {
  @TempDir Path dir;
  private Agent alice;
  private Agent bob;
  private final BlockingQueue<AgentEvent> aliceEvents = new LinkedBlockingQueue<>();
  private final BlockingQueue<AgentEvent> bobEvents = new LinkedBlockingQueue<>();

  private void start(boolean bobAnswersByItself) {
    alice = Agent.start(Agent.AgentSettings.of("alice", new InetSocketAddress("127.0.0.1", 0), dir.resolve("alice"), false));
    bob = Agent.start(Agent.AgentSettings.of("bob", new InetSocketAddress("127.0.0.1", 0), dir.resolve("bob"), bobAnswersByItself));
    alice.subscribe(aliceEvents::add);
    bob.subscribe(bobEvents::add);
    alice.putContact(Contact.of("bob", bob.sipUri().toString()));
  }

  @AfterEach
  void stop() {
    if (alice != null) {
      alice.close();
    }
    if (bob != null) {
      bob.close();
    }
  }

  /** Waits (bounded) for an event matching {@code p}. */
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

  private static Predicate<AgentEvent> sinkStreaming(boolean local) {
    return e -> e instanceof AgentEvent.StreamChanged s && s.end().equals("sink") && s.code() == 200 && s.local() == local;
  }

  @Test
  void callStreamsAudioBothWaysReoffersAndHangsUpWithoutLeakingPorts() throws Exception {
    start(true);
    String id = alice.call("bob", Optional.empty());
    await(bobEvents, e -> e instanceof AgentEvent.Incoming i && i.autoAnswered());
    // both sinks receive packets: each side sees its own sink streaming, and hears about the peer's
    await(aliceEvents, sinkStreaming(true));
    await(bobEvents, sinkStreaming(true));
    await(aliceEvents, sinkStreaming(false));

    SessionView a = alice.session(id).orElseThrow();
    assertThat(a.state()).isEqualTo("active");
    assertThat(a.role()).isEqualTo("offerer");
    assertThat(a.streams()).extracting(StreamView::end).containsExactlyInAnyOrder("source", "sink");
    assertThat(a.streams()).allSatisfy(s -> assertThat(s.packets()).isPositive());
    assertThat(bob.sessions()).singleElement().satisfies(b -> {
      assertThat(b.role()).isEqualTo("answerer");
      assertThat(b.peer()).isEqualTo("alice (auto)");
    });
    assertThat(bob.contacts()).extracting(Contact::displayName).containsExactly("alice (auto)");

    alice.reoffer(id, "hifi");
    await(aliceEvents, e -> e instanceof AgentEvent.SessionChanged c && c.state().equals("active"));
    await(bobEvents, sinkStreaming(true));
    assertThat(alice.session(id).orElseThrow().profile()).isEqualTo("hifi");
    assertThat(alice.session(id).orElseThrow().streams()).allSatisfy(s -> assertThat(s.format()).isEqualTo("L16"));

    alice.hangUp(id);
    await(aliceEvents, e -> e instanceof AgentEvent.Ended);
    AgentEvent.Ended bobEnd = (AgentEvent.Ended) await(bobEvents, e -> e instanceof AgentEvent.Ended);
    assertThat(bobEnd.reason()).isEqualTo("hung up by peer");
    assertThat(alice.heldPorts()).isEmpty();
    assertThat(bob.heldPorts()).isEmpty();
  }

  @Test
  void aRefusalReachesTheCallerWithItsReason() throws Exception {
    start(false);
    String id = alice.call("bob", Optional.empty());
    AgentEvent.Incoming in = (AgentEvent.Incoming) await(bobEvents, e -> e instanceof AgentEvent.Incoming);
    assertThat(in.autoAnswered()).isFalse();
    bob.refuse(in.sessionId(), 486, "Busy Here");
    AgentEvent.Ended ended = (AgentEvent.Ended) await(aliceEvents, e -> e instanceof AgentEvent.Ended);
    assertThat(ended.reason()).startsWith("refused: 486");
    assertThat(alice.session(id).orElseThrow().ending()).hasValueSatisfying(r -> assertThat(r).contains("486"));
    assertThat(alice.heldPorts()).isEmpty();
    assertThat(bob.heldPorts()).isEmpty();
  }

  @Test
  void unsupportedProfilesAndUnknownSessionsAreClearErrors() {
    start(true);
    assertThatThrownBy(() -> alice.call("bob", Optional.of("nope"))).isInstanceOf(AgentException.class)
        .hasMessageContaining("no profile named 'nope'");
    alice.putProfile(Profile.of("video", java.util.Map.of("/send/video/codec", "h264")));
    assertThatThrownBy(() -> alice.call("bob", Optional.of("video"))).isInstanceOf(AgentException.class)
        .hasMessageContaining("/send/video/codec: not supported");
    assertThatThrownBy(() -> alice.hangUp("nosuch")).isInstanceOfSatisfying(AgentException.class,
        e -> assertThat(e.status()).isEqualTo(404));
    assertThat(alice.heldPorts()).isEmpty();
  }
}
