package io.miville.cli;

import io.miville.agent.Agent;
import io.miville.agent.Contact;
import io.miville.agent.api.AgentEvent;
import io.miville.agent.api.SessionView;
import io.miville.agent.api.StreamView;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code miville demo}: two agents, Alice and Bob, on free loopback ports; Alice calls Bob, they
 * stream a tone both ways, Alice re-offers with another profile, then hangs up. Prints what
 * happens and the packet counts; succeeds only if packets flowed both ways in both offers and
 * every port was released.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run two agents that call each other and stream audio both ways.",
      "",
      "Alice calls Bob (who answers by himself), they stream a tone both ways over RTP, Alice"
          + " re-offers with the hifi profile (L16 stereo), then hangs up. Prints a transcript"
          + " with the stream states and packet counts."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:packets flowed both ways and everything was released", "1:the demo failed", "2:usage error"})
final class DemoCommand implements Callable<Integer> {
  private final StandardStreams io;
  private long startNanos;

  @Option(names = "--seconds", paramLabel = "S", defaultValue = "3",
      description = "How long to stream with each profile (default: ${DEFAULT-VALUE}).")
  double seconds;

  DemoCommand(StandardStreams io) {
    this.io = io;
  }

  private record Tagged(String agent, AgentEvent event) {}

  @Override
  public Integer call() throws Exception {
    PrintStream out = io.out();
    Path dir = Files.createTempDirectory("miville-demo");
    BlockingQueue<Tagged> events = new LinkedBlockingQueue<>();
    startNanos = System.nanoTime();
    try (Agent alice = Agent.start(Agent.AgentSettings.of("alice", new InetSocketAddress("127.0.0.1", 0),
            dir.resolve("alice"), false));
        Agent bob = Agent.start(Agent.AgentSettings.of("bob", new InetSocketAddress("127.0.0.1", 0),
            dir.resolve("bob"), true))) {
      alice.subscribe(e -> events.add(new Tagged("alice", e)));
      bob.subscribe(e -> events.add(new Tagged("bob", e)));
      alice.putContact(Contact.of("bob", bob.sipUri().toString()));
      say("alice listens at " + alice.sipUri() + ", bob at " + bob.sipUri() + " (bob answers by himself)");

      say("alice calls bob with the default profile (PCMU, 8 kHz, a 440 Hz tone)");
      String id = alice.call("bob", Optional.empty());
      if (!await(events, both(sinkStreaming()), Duration.ofSeconds(10))) {
        return fail("the streams did not start");
      }
      streamFor(events);
      boolean first = report(alice, bob, id);

      say("alice re-offers with the hifi profile (L16, 48 kHz, stereo, a 660 Hz tone)");
      alice.reoffer(id, "hifi");
      if (!await(events, both(sinkStreaming()), Duration.ofSeconds(10))) {
        return fail("the streams did not restart after the re-offer");
      }
      streamFor(events);
      boolean second = report(alice, bob, id);

      say("alice hangs up");
      alice.hangUp(id);
      if (!await(events, both(e -> e instanceof AgentEvent.Ended), Duration.ofSeconds(10))) {
        return fail("the session did not end on both sides");
      }
      boolean released = alice.heldPorts().isEmpty() && bob.heldPorts().isEmpty();
      say("ports still held: alice " + alice.heldPorts().size() + " blocks, bob " + bob.heldPorts().size() + " blocks");
      if (first && second && released) {
        say("demo passed: audio flowed both ways with both profiles, and every port was released");
        return ExitCode.OK;
      }
      return fail(!released ? "ports were not released" : "some stream received no packets");
    } finally {
      deleteTree(dir);
      out.flush();
    }
  }

  private void streamFor(BlockingQueue<Tagged> events) throws InterruptedException {
    say(String.format("streaming for %.1f s ...", seconds));
    long until = System.nanoTime() + (long) (seconds * 1e9);
    // print what happens meanwhile: the wait ends at the deadline, not on an event
    while (System.nanoTime() < until) {
      Tagged t = events.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (t != null) {
        print(t);
      }
    }
  }

  /** Prints both agents' view of the session; true if every sink on both sides received packets. */
  private boolean report(Agent alice, Agent bob, String aliceSession) {
    boolean ok = true;
    for (Agent a : new Agent[] {alice, bob}) {
      SessionView s = a == alice ? alice.session(aliceSession).orElseThrow()
          : bob.sessions().stream().max(Comparator.comparing(SessionView::started)).orElseThrow();
      say(a.info().name() + ": session " + s.id() + " with " + s.peer() + ", " + s.role() + ", " + s.state()
          + ", profile " + s.profile());
      for (StreamView v : s.streams()) {
        io.out().printf("           %-8s %-6s %-4s port %5d -> %-16s %3d %-10s peer %3d %-10s %6d packets%s%n",
            v.name(), v.end(), v.format(), v.localPort(), v.remote(), v.stateCode(), v.stateMessage(),
            v.peerStateCode(), v.peerStateMessage(), v.packets(),
            v.end().equals("sink") ? String.format(", %d lost, jitter %.2f ms", v.lost(), v.jitterMs()) : "");
        if (v.packets() == 0) {
          ok = false;
        }
      }
      ok &= s.streams().size() == 2;
    }
    return ok;
  }

  private static Predicate<AgentEvent> sinkStreaming() {
    return e -> e instanceof AgentEvent.StreamChanged s && s.local() && s.end().equals("sink") && s.code() == 200;
  }

  /** An event condition that must be seen once from each agent. */
  private static Predicate<Tagged> both(Predicate<AgentEvent> p) {
    java.util.Set<String> seen = new java.util.HashSet<>();
    return t -> {
      if (p.test(t.event())) {
        seen.add(t.agent());
      }
      return seen.size() == 2;
    };
  }

  private boolean await(BlockingQueue<Tagged> events, Predicate<Tagged> done, Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Tagged t = left <= 0 ? null : events.poll(left, TimeUnit.NANOSECONDS);
      if (t == null) {
        return false;
      }
      print(t);
      if (done.test(t)) {
        return true;
      }
    }
  }

  private void print(Tagged t) {
    String text = switch (t.event()) {
      case AgentEvent.Incoming i -> "call from " + i.from() + " with profile " + i.profile()
          + (i.autoAnswered() ? ", answered automatically" : ", ringing");
      case AgentEvent.SessionChanged c -> "session " + c.state();
      case AgentEvent.StreamChanged s -> (s.local() ? "" : "peer's ") + s.stream() + " " + s.end() + ": " + s.code()
          + " " + s.message();
      case AgentEvent.Ended e -> "session ended: " + e.reason();
    };
    say(String.format("%-5s %s", t.agent(), text));
  }

  private void say(String line) {
    io.out().printf("[%6.3f] %s%n", (System.nanoTime() - startNanos) / 1e9, line);
    io.out().flush();
  }

  private int fail(String why) {
    say("demo FAILED: " + why);
    return ExitCode.FAILURE;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
