package io.miville.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.agent.api.AgentEvent;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a session ends releases every port, on both agents. */
class AgentEndingsTest {
  @TempDir Path dir;
  private Agent alice;
  private Agent bob;

  @AfterEach
  void stop() {
    if (alice != null) {
      alice.close();
    }
    if (bob != null) {
      bob.close();
    }
  }

  private static Agent agent(String name, Path dir, Duration keepAlive) {
    Agent.AgentSettings d = Agent.AgentSettings.of(name, new InetSocketAddress("127.0.0.1", 0), dir.resolve(name), false);
    return Agent.start(new Agent.AgentSettings(d.name(), d.sip(), d.dataDir(), false, d.noPacketsTimeout(), keepAlive,
        Duration.ofSeconds(5)));
  }

  private static AgentEvent await(BlockingQueue<AgentEvent> q, Predicate<AgentEvent> p) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      AgentEvent e = q.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("event not seen within 20 s");
      }
      if (p.test(e)) {
        return e;
      }
    }
  }

  @Test
  void aThousandSessionsWithRandomEndingsLeakNoPort() throws Exception {
    alice = agent("alice", dir, Duration.ofSeconds(30));
    bob = agent("bob", dir, Duration.ofSeconds(30));
    alice.putContact(Contact.of("bob", bob.sipUri().toString()));
    // Bob's user: answers or refuses each call as the test decided when it was placed
    Map<String, String> plan = new ConcurrentHashMap<>();
    BlockingQueue<AgentEvent> aliceEvents = new LinkedBlockingQueue<>();
    BlockingQueue<AgentEvent> bobIncoming = new LinkedBlockingQueue<>();
    alice.subscribe(aliceEvents::add);
    bob.subscribe(e -> {
      if (e instanceof AgentEvent.Incoming) {
        bobIncoming.add(e);
      }
    });
    Random random = new Random(20261122);
    Map<String, Integer> endings = new ConcurrentHashMap<>();
    for (int i = 0; i < 1000; i++) {
      String ending = switch (random.nextInt(5)) {
        case 0 -> "alice hangs up";
        case 1 -> "bob hangs up";
        case 2 -> "bob refuses";
        case 3 -> "alice cancels";
        default -> "bob is busy";
      };
      endings.merge(ending, 1, Integer::sum);
      String id = alice.call("bob", Optional.empty());
      AgentEvent.Incoming in = (AgentEvent.Incoming) await(bobIncoming, e -> true);
      switch (ending) {
        case "alice cancels" -> alice.hangUp(id);
        case "bob refuses" -> bob.refuse(in.sessionId(), 603, "Decline");
        case "bob is busy" -> bob.refuse(in.sessionId(), 486, "Busy Here");
        default -> {
          bob.answer(in.sessionId(), Optional.empty());
          await(aliceEvents, e -> e instanceof AgentEvent.SessionChanged c && c.sessionId().equals(id)
              && c.state().equals("confirmed"));
          if (ending.equals("alice hangs up")) {
            alice.hangUp(id);
          } else {
            bob.hangUp(in.sessionId());
          }
        }
      }
      await(aliceEvents, e -> e instanceof AgentEvent.Ended x && x.sessionId().equals(id));
      plan.put(id, ending);
    }
    // Bob ends each session when its last transaction settles; give him that bounded moment
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!bob.heldPorts().isEmpty() && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // a bounded poll of a condition, not a guess
    }
    assertThat(endings.keySet()).hasSize(5);
    assertThat(plan).hasSize(1000);
    assertThat(alice.heldPorts()).isEmpty();
    assertThat(bob.heldPorts()).isEmpty();
  }

  @Test
  void aPeerThatVanishesMidSessionIsDetectedAndItsPortsFreed() throws Exception {
    alice = agent("alice", dir, Duration.ofSeconds(1));
    bob = agent("bob", dir, Duration.ofSeconds(1));
    alice.putContact(Contact.of("bob", bob.sipUri().toString()));
    BlockingQueue<AgentEvent> aliceEvents = new LinkedBlockingQueue<>();
    BlockingQueue<AgentEvent> bobEvents = new LinkedBlockingQueue<>();
    alice.subscribe(aliceEvents::add);
    bob.subscribe(bobEvents::add);
    String id = alice.call("bob", Optional.empty());
    AgentEvent.Incoming in = (AgentEvent.Incoming) await(bobEvents, e -> e instanceof AgentEvent.Incoming);
    bob.answer(in.sessionId(), Optional.empty());
    await(aliceEvents, e -> e instanceof AgentEvent.SessionChanged c && c.state().equals("confirmed"));
    long t0 = System.nanoTime();
    bob.vanish();
    bob = null;
    AgentEvent.Ended end = (AgentEvent.Ended) await(aliceEvents, e -> e instanceof AgentEvent.Ended);
    assertThat(end.reason()).startsWith("peer vanished");
    // keep-alive every second, gone after twice that without an answer (plus the random spread)
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    assertThat(alice.session(id).orElseThrow().state()).isEqualTo("ended");
    assertThat(alice.heldPorts()).isEmpty();
  }
}
