package io.miville.bench;

import io.miville.agent.Agent;
import io.miville.agent.Contact;
import io.miville.agent.api.AgentEvent;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Call setup latency between two Miville agents on loopback: from the moment Alice's agent is
 * asked to call (the INVITE goes out) to the moment Bob's agent has received the ACK (its session
 * is confirmed), with Bob answering by himself. Both agents run in this JVM, so one clock times
 * both ends. Warm-up calls first, then the measured ones, one at a time.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.miville.bench.AgentSetupLatency [WARMUP] [CALLS]</pre>
 */
public final class AgentSetupLatency {
  private AgentSetupLatency() {}

  public static void main(String[] args) throws Exception {
    int warmup = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    Path dir = Files.createTempDirectory("latency");
    try (Agent alice = Agent.start(Agent.AgentSettings.of("alice", new InetSocketAddress("127.0.0.1", 0),
            dir.resolve("alice"), false));
        Agent bob = Agent.start(Agent.AgentSettings.of("bob", new InetSocketAddress("127.0.0.1", 0),
            dir.resolve("bob"), true))) {
      alice.putContact(Contact.of("bob", bob.sipUri().toString()));
      BlockingQueue<AgentEvent> aliceEnded = new LinkedBlockingQueue<>();
      BlockingQueue<Long> bobConfirmed = new LinkedBlockingQueue<>();
      Map<String, Boolean> seen = new ConcurrentHashMap<>();
      alice.subscribe(e -> {
        if (e instanceof AgentEvent.Ended) {
          aliceEnded.add(e);
        }
      });
      bob.subscribe(e -> {
        if (e instanceof AgentEvent.SessionChanged c && c.state().equals("confirmed") && seen.putIfAbsent(c.sessionId(), true) == null) {
          bobConfirmed.add(System.nanoTime());
        }
      });
      long[] micros = new long[calls];
      for (int i = 0; i < warmup + calls; i++) {
        long t0 = System.nanoTime();
        String id = alice.call("bob", Optional.empty());
        Long t1 = bobConfirmed.poll(10, TimeUnit.SECONDS);
        if (t1 == null) {
          throw new IllegalStateException("call " + i + " was not confirmed within 10 s");
        }
        if (i >= warmup) {
          micros[i - warmup] = (t1 - t0) / 1000;
        }
        alice.hangUp(id);
        if (aliceEnded.poll(10, TimeUnit.SECONDS) == null) {
          throw new IllegalStateException("call " + i + " did not end within 10 s");
        }
      }
      Arrays.sort(micros);
      System.out.printf("calls %d (after %d warm-up): setup INVITE sent -> ACK received, microseconds:%n", calls, warmup);
      System.out.printf("  p50 %d  p90 %d  p99 %d  max %d%n", micros[calls / 2], micros[calls * 9 / 10],
          micros[Math.min(calls - 1, calls * 99 / 100)], micros[calls - 1]);
    }
  }
}
