package io.miville.session;

import io.miville.codec.header.MediaType;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.transaction.TransactionLayer;
import io.miville.transaction.time.ManualTime;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/** An agent in tests: a transaction layer and a session manager on the fake network, recording what it hears. */
final class Peer implements SessionListener {
  static final MediaType JSON = MediaType.APPLICATION_MIVILLE_JSON;

  final String name;
  final InetSocketAddress address;
  final ManualTime time;
  final TransactionLayer layer;
  final SessionManager manager;
  final List<String> events = new ArrayList<>();
  final List<InviteSession> incoming = new ArrayList<>();
  final List<Answer> answers = new ArrayList<>();
  final List<Offer> reoffers = new ArrayList<>();
  final List<Refusal> reofferRefusals = new ArrayList<>();
  final List<Info> infos = new ArrayList<>();
  final List<Ending> endings = new ArrayList<>();
  final List<Duration> endedAt = new ArrayList<>();
  final List<Duration> answeredAt = new ArrayList<>();

  /** What the agent does with a call: by default rings and accepts at once. */
  BiConsumer<InviteSession, Offer> onIncoming = (s, offer) -> {
    s.ring();
    s.accept(answerTo(offer));
  };
  /** What the agent does with a re-offer: by default accepts it. */
  BiConsumer<InviteSession, Offer> onReoffer = (s, offer) -> s.acceptReoffer(answerTo(offer));
  Consumer<InviteSession> onConfirmed = s -> { };

  Peer(String name, String host, FakeNetwork net, ManualTime time, Consumer<SessionConfig.Builder> tweak) {
    this.name = name;
    this.address = new InetSocketAddress(host, 5060);
    this.time = time;
    this.layer = TransactionLayer.builder(net.endpoint(address)).runtime(time).lanes(2).offloadExecutor(Runnable::run)
        .localAddress(Transport.UDP, host, 5060).localAddress(Transport.TCP, host, 5060).build();
    SessionConfig.Builder config = SessionConfig.builder()
        .contact(Transport.UDP, SipUri.create(false, name, host, 5060))
        .inviteTimeout(Duration.ofSeconds(5))
        .ringTimeout(Duration.ofSeconds(60))
        .keepAliveInterval(Duration.ofSeconds(10))
        .keepAliveTimeout(Duration.ofSeconds(4))
        .random(new SplittableRandom(name.hashCode()));
    tweak.accept(config);
    this.manager = SessionManager.create(layer, config.build(), this);
    net.attach(address, layer);
  }

  Uri uri() {
    return SipUri.create(false, name, address.getHostString(), address.getPort());
  }

  Offer offer(String text) {
    return Offer.of(JSON, "{\"from\":\"" + name + "\",\"offer\":\"" + text + "\"}");
  }

  Answer answerTo(Offer offer) {
    return Answer.of(JSON, "{\"from\":\"" + name + "\",\"answers\":" + offer.body().text() + "}");
  }

  InviteSession call(Peer callee) {
    return manager.call(uri(), callee.uri(), offer("first"));
  }

  InviteSession lastIncoming() {
    return incoming.get(incoming.size() - 1);
  }

  Ending lastEnding() {
    return endings.get(endings.size() - 1);
  }

  private void event(String e) {
    events.add(e);
  }

  @Override
  public void onIncoming(InviteSession session, Offer offer) {
    event("incoming");
    incoming.add(session);
    onIncoming.accept(session, offer);
  }

  @Override
  public void onRinging(InviteSession session) {
    event("ringing");
  }

  @Override
  public void onAnswered(InviteSession session, Answer answer) {
    event("answered");
    answers.add(answer);
    answeredAt.add(time.elapsed());
  }

  @Override
  public void onConfirmed(InviteSession session) {
    event("confirmed");
    onConfirmed.accept(session);
  }

  @Override
  public void onReoffer(InviteSession session, Offer offer) {
    event("reoffer");
    reoffers.add(offer);
    onReoffer.accept(session, offer);
  }

  @Override
  public void onReofferWithdrawn(InviteSession session) {
    event("reoffer-withdrawn");
  }

  @Override
  public void onReofferRejected(InviteSession session, Refusal refusal) {
    event("reoffer-rejected");
    reofferRefusals.add(refusal);
  }

  @Override
  public void onInfo(InviteSession session, Info info) {
    event("info");
    infos.add(info);
  }

  @Override
  public void onTerminated(InviteSession session, Ending ending) {
    event("terminated:" + ending.cause());
    endings.add(ending);
    endedAt.add(time.elapsed());
  }
}
