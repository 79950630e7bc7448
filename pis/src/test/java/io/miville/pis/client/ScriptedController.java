package io.miville.pis.client;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.header.Address;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.uri.Uri;
import io.miville.pis.controller.ClusterSnapshot;
import io.miville.pis.controller.PisController;
import io.miville.pis.controller.PisListener;
import io.miville.pis.controller.ProxyCondition;
import io.miville.pis.controller.Responder;
import io.miville.pis.site.Site;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A controller with fixed answers, to test the client and the node without the engine: SEEK gets
 * {@code 110 Queued} then {@code 200} naming {@code stall2@latrine1.loo.com} in Contact, FLUSH
 * {@code 100 INFO} (TID and How echoed) then {@code 200}, anything else {@code 200}.
 */
public final class ScriptedController implements PisController {
  public final List<SipRequest> received = new CopyOnWriteArrayList<>();
  final List<SipRequest> acks = new CopyOnWriteArrayList<>();
  final java.util.concurrent.CountDownLatch firstAck = new java.util.concurrent.CountDownLatch(1);

  @Override
  public void handle(SipRequest request, Responder responder) {
    received.add(request);
    SipMethod m = request.method();
    if (m.equals(SipMethod.SEEK)) {
      responder.send(responder.response(110).build());
      responder.send(responder.response(200)
          .header(SipHeaders.CONTACT, Address.of(Uri.parse("sip:stall2@latrine1.loo.com"))).build());
    } else if (m.equals(SipMethod.FLUSH)) {
      var info = responder.response(100).header(HeaderName.HOW, "Marine-plunger-pump");
      request.header(HeaderName.TID).ifPresent(tid -> info.header(HeaderName.TID, tid));
      responder.send(info.build());
      var ok = responder.response(200);
      request.header(HeaderName.TID).ifPresent(tid -> ok.header(HeaderName.TID, tid));
      responder.send(ok.build());
    } else {
      responder.send(responder.response(200).build());
    }
  }

    @Override
    public void sessionUnconfirmed(String callId) {}

  @Override
  public void handleAck(SipRequest ack) {
    acks.add(ack);
    firstAck.countDown();
  }

  @Override
  public Site site() {
    return new Site("scripted", List.of(), Set.of(), Map.of());
  }

  @Override
  public Optional<String> clusterAt(String host) {
    return Optional.empty();
  }

  @Override
  public Optional<ClusterSnapshot> snapshot(String clusterId) {
    return Optional.empty();
  }

  @Override
  public List<ClusterSnapshot> snapshots() {
    return List.of();
  }

  @Override
  public void addListener(PisListener listener) {}

  @Override
  public boolean operate(String proxyAddress, ProxyCondition condition) {
    return false;
  }
}
