package io.miville.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipMethod;
import io.miville.codec.uri.SipUri;
import io.miville.session.Ending.Cause;
import io.miville.session.Ending.Origin;
import io.miville.transaction.RequestHandler;
import io.miville.transaction.ServerTransaction;
import io.miville.transaction.time.ManualTime;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sessions whose peer is gone end within a bound: liveness checks in established sessions
 * (keep-alive interval 10 s, timeout 4 s in these tests), and the INVITE timeout (5 s) for calls
 * nothing answers.
 */
class LivenessTest {
  private static final Duration BOUND = Duration.ofSeconds(10 + 4);

  private ManualTime time;
  private FakeNetwork net;
  private Peer alice;
  private Peer bob;

  @BeforeEach
  void setUp() {
    time = ManualTime.create();
    net = new FakeNetwork(time);
    alice = new Peer("alice", "192.0.2.1", net, time, c -> { });
    bob = new Peer("bob", "192.0.2.2", net, time, c -> { });
  }

  private InviteSession establish() {
    InviteSession call = alice.call(bob);
    time.advance(Duration.ofMillis(200));
    assertThat(call.state()).isEqualTo(SessionState.CONFIRMED);
    return call;
  }

  /** Requests of {@code method} sent, retransmissions not counted. */
  private long distinct(String method) {
    return net.sent.stream().filter(p -> p.isRequest(method))
        .map(p -> p.from() + " " + p.message().cseq().orElseThrow()).distinct().count();
  }

  @Test
  void aQuietButLiveSessionStaysUp() {
    InviteSession call = establish();
    time.advance(Duration.ofMinutes(5), Duration.ofSeconds(1));
    assertThat(call.state()).isEqualTo(SessionState.CONFIRMED);
    assertThat(bob.lastIncoming().state()).isEqualTo(SessionState.CONFIRMED);
    long pings = net.count(p -> p.isRequest("OPTIONS"));
    // one side's ping keeps the other quiet: about one OPTIONS per interval, not two
    assertThat(pings).isBetween(28L, 40L);
    assertThat(net.count(p -> p.isResponse(200, "OPTIONS"))).isEqualTo(pings);
  }

  @Test
  void whenThePeerVanishesBothSidesEndWithinTheBound() {
    InviteSession call = establish();
    time.advance(Duration.ofSeconds(3));
    Duration cut = time.elapsed();
    net.drop = p -> true; // the cable is cut
    time.advance(Duration.ofSeconds(30), Duration.ofMillis(100));
    for (Peer p : new Peer[] {alice, bob}) {
      assertThat(p.lastEnding().cause()).as(p.name).isEqualTo(Cause.PEER_VANISHED);
      assertThat(p.lastEnding().origin()).isEqualTo(Origin.NETWORK);
      assertThat(p.endedAt.get(0).minus(cut)).as(p.name).isLessThanOrEqualTo(BOUND);
    }
    assertThat(call.state()).isEqualTo(SessionState.TERMINATED);
    assertThat(distinct("BYE")).isEqualTo(2); // best effort, both lost
    assertThat(alice.manager.sessions()).isEmpty();
    assertThat(bob.manager.sessions()).isEmpty();
  }

  @Test
  void aPeerThatForgotTheDialogAnswers481AndTheSessionEnds() {
    InviteSession call = establish();
    // bob restarts: a new manager that knows no session takes over his transaction layer
    SessionManager.create(bob.layer, bob.manager.config(), new SessionListener() { });
    time.advance(Duration.ofSeconds(11));
    assertThat(alice.lastEnding().cause()).isEqualTo(Cause.PEER_VANISHED);
    assertThat(alice.lastEnding().status()).hasValue(481);
    assertThat(call.state()).isEqualTo(SessionState.TERMINATED);
    assertThat(distinct("BYE")).isZero(); // no BYE into a dialog that is gone
  }

  @Test
  void aPeerThatRefusesOptionsIsStillThere() {
    InviteSession call = establish();
    RequestHandler sessions = bob.manager.requestHandler();
    bob.layer.requestHandler(new RequestHandler() {
      @Override
      public void onRequest(ServerTransaction tx) {
        if (tx.request().method().equals(SipMethod.OPTIONS)) {
          tx.respond(405);
        } else {
          sessions.onRequest(tx);
        }
      }

      @Override
      public void onAck(io.miville.codec.SipRequest ack, io.miville.transport.Flow flow) {
        sessions.onAck(ack, flow);
      }
    });
    time.advance(Duration.ofMinutes(2), Duration.ofSeconds(1));
    assertThat(net.count(p -> p.isResponse(405, "OPTIONS"))).isPositive();
    assertThat(call.state()).isEqualTo(SessionState.CONFIRMED);
  }

  @Test
  void aCallNothingAnswersEndsWithinTheInviteTimeout() {
    InviteSession call = alice.manager.call(alice.uri(), SipUri.create(false, "nobody", "192.0.2.99", 5060),
        alice.offer("hello?"));
    time.advance(Duration.ofMillis(4900));
    assertThat(call.ending()).isEmpty();
    time.advance(Duration.ofMillis(100));
    Ending e = call.ending().orElseThrow();
    assertThat(e.cause()).isEqualTo(Cause.TIMEOUT);
    assertThat(e.status()).hasValue(408);
    assertThat(e.reason()).contains("no response").contains("192.0.2.99");
    assertThat(alice.endedAt).containsExactly(Duration.ofSeconds(5));
    assertThat(alice.manager.sessions()).isEmpty();
  }

  @Test
  void aRefusedConnectionEndsTheCallAtOnce() {
    InetSocketAddress closed = new InetSocketAddress("192.0.2.98", 5060);
    net.refusing.add(closed);
    InviteSession call = alice.manager.call(alice.uri(),
        SipUri.create(false, "bob", "192.0.2.98", 5060).withParam("transport", "tcp"), alice.offer("hello?"));
    time.advance(Duration.ZERO);
    Ending e = call.ending().orElseThrow();
    assertThat(e.cause()).isEqualTo(Cause.UNREACHABLE);
    assertThat(e.reason()).contains("Connection refused");
    assertThat(alice.endedAt).containsExactly(Duration.ZERO);
  }

  @Test
  void anUnknownHostEndsTheCallUnreachable() {
    InviteSession call = alice.manager.call(alice.uri(),
        SipUri.create(false, "bob", "no-such-host.invalid", 5060), alice.offer("hello?"));
    time.advance(Duration.ZERO);
    assertThat(call.ending().orElseThrow().cause()).isEqualTo(Cause.UNREACHABLE);
    assertThat(call.ending().orElseThrow().reason()).contains("no-such-host.invalid");
  }

  @Test
  void aLostInfoEndsTheSessionAsVanished() {
    InviteSession call = establish();
    net.drop = p -> true;
    var status = call.sendInfo(Info.of(io.miville.session.Body.of(Peer.JSON, "{}")));
    time.advance(Duration.ofSeconds(40), Duration.ofMillis(500));
    assertThat(status.toCompletableFuture().join()).isEqualTo(408);
    assertThat(alice.lastEnding().cause()).isEqualTo(Cause.PEER_VANISHED);
  }
}
