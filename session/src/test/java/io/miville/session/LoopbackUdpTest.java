package io.miville.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.header.MediaType;
import io.miville.codec.uri.SipUri;
import io.miville.transaction.TransactionLayer;
import io.miville.transport.SipTransportLayer;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A full call over real UDP sockets on 127.0.0.1: two transport layers, two transaction layers on
 * real lanes, two session managers. INVITE, 180, 200, ACK, re-INVITE, INFO, BYE.
 */
class LoopbackUdpTest {
  private static final MediaType JSON = MediaType.APPLICATION_MIVILLE_JSON;

  /** One agent: transport, transaction layer and sessions, wired as the node wires them. */
  private static final class Agent implements AutoCloseable, SessionListener {
    final String name;
    final SipTransportLayer transport;
    final TransactionLayer transactions;
    final SessionManager sessions;
    final InetSocketAddress address;
    final Set<String> callbackThreads = ConcurrentHashMap.newKeySet();
    final CompletableFuture<InviteSession> incoming = new CompletableFuture<>();
    final CompletableFuture<Answer> answered = new CompletableFuture<>();
    final CompletableFuture<Answer> reanswered = new CompletableFuture<>();
    final CompletableFuture<Void> confirmed = new CompletableFuture<>();
    final CompletableFuture<Info> info = new CompletableFuture<>();
    final CompletableFuture<Ending> ended = new CompletableFuture<>();
    final AtomicReference<Answer> lastAnswer = new AtomicReference<>();

    Agent(String name) {
      this.name = name;
      AtomicReference<TransactionLayer> layer = new AtomicReference<>();
      this.transport = SipTransportLayer.builder()
          .listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0))
          .handler(in -> {
            TransactionLayer l = layer.get();
            if (l != null) {
              l.onMessage(in);
            }
          })
          .ioThreads(1)
          .build()
          .start();
      this.address = transport.listenPoint(Transport.UDP).orElseThrow().address();
      this.transactions = TransactionLayer.builder(transport).lanes(2)
          .localAddress(Transport.UDP, "127.0.0.1", address.getPort()).build();
      layer.set(transactions);
      this.sessions = SessionManager.create(transactions, SessionConfig.builder()
          .contact(Transport.UDP, uri())
          .accept(JSON)
          .infoPackage("miville-state")
          .inviteTimeout(Duration.ofSeconds(5))
          .build(), this);
    }

    SipUri uri() {
      return SipUri.create(false, name, "127.0.0.1", address.getPort());
    }

    private void seen() {
      callbackThreads.add(Thread.currentThread().getName());
    }

    @Override
    public void onIncoming(InviteSession session, Offer offer) {
      seen();
      session.ring();
      session.accept(Answer.of(JSON, "{\"answer\":" + offer.body().text() + "}"));
      incoming.complete(session);
    }

    @Override
    public void onAnswered(InviteSession session, Answer answer) {
      seen();
      if (!answered.complete(answer)) {
        reanswered.complete(answer);
      }
    }

    @Override
    public void onConfirmed(InviteSession session) {
      seen();
      confirmed.complete(null);
    }

    @Override
    public void onReoffer(InviteSession session, Offer offer) {
      seen();
      session.acceptReoffer(Answer.of(JSON, "{\"reanswer\":" + offer.body().text() + "}"));
    }

    @Override
    public void onInfo(InviteSession session, Info info) {
      seen();
      this.info.complete(info);
    }

    @Override
    public void onTerminated(InviteSession session, Ending ending) {
      seen();
      ended.complete(ending);
    }

    @Override
    public void close() {
      transactions.close();
      transport.close();
    }
  }

  private Agent alice;
  private Agent bob;

  @AfterEach
  void tearDown() {
    if (alice != null) {
      alice.close();
    }
    if (bob != null) {
      bob.close();
    }
  }

  @Test
  void aFullCallOverLoopbackUdp() throws Exception {
    alice = new Agent("alice");
    bob = new Agent("bob");

    InviteSession call = alice.sessions.call(alice.uri(), bob.uri(), Offer.of(JSON, "{\"video\":\"h264\"}"));
    InviteSession callee = bob.incoming.get(5, TimeUnit.SECONDS);
    Answer answer = alice.answered.get(5, TimeUnit.SECONDS);
    assertThat(answer.body().text()).isEqualTo("{\"answer\":{\"video\":\"h264\"}}");
    alice.confirmed.get(5, TimeUnit.SECONDS);
    bob.confirmed.get(5, TimeUnit.SECONDS);
    assertThat(call.state()).isEqualTo(SessionState.CONFIRMED);
    assertThat(callee.state()).isEqualTo(SessionState.CONFIRMED);
    assertThat(call.dialog().orElseThrow().remoteTarget()).isEqualTo(bob.uri());

    // a new offer from the callee, called from this (application) thread
    callee.reoffer(Offer.of(JSON, "{\"video\":\"off\"}"));
    assertThat(bob.answered.get(5, TimeUnit.SECONDS).body().text()).isEqualTo("{\"reanswer\":{\"video\":\"off\"}}");
    assertThat(call.remoteDescription().orElseThrow().text()).isEqualTo("{\"video\":\"off\"}");

    // a stream state update
    int status = call.sendInfo(Info.of("miville-state", Body.of(JSON, "{\"video\":{\"sink\":200}}")))
        .toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(status).isEqualTo(200);
    assertThat(bob.info.get(5, TimeUnit.SECONDS).body().text()).isEqualTo("{\"video\":{\"sink\":200}}");

    call.hangUp();
    assertThat(alice.ended.get(5, TimeUnit.SECONDS).cause()).isEqualTo(Ending.Cause.BYE_LOCAL);
    assertThat(bob.ended.get(5, TimeUnit.SECONDS).cause()).isEqualTo(Ending.Cause.BYE_REMOTE);
    assertThat(alice.callbackThreads).allMatch(t -> t.startsWith("miville-lane-"));
    assertThat(bob.callbackThreads).allMatch(t -> t.startsWith("miville-lane-"));
    assertThat(alice.sessions.sessions()).isEmpty();
    assertThat(bob.sessions.sessions()).isEmpty();
  }
}
