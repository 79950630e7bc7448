package io.miville.cli;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.header.Address;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.uri.Uri;
import io.miville.pis.PisNode;
import io.miville.pis.controller.ClusterSnapshot;
import io.miville.pis.controller.PisConfig;
import io.miville.pis.controller.PisController;
import io.miville.pis.controller.PisListener;
import io.miville.pis.controller.ProxyCondition;
import io.miville.pis.controller.Responder;
import io.miville.pis.site.DemoSite;
import io.miville.pis.site.Site;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** PIS nodes for the command tests. */
final class PisTestNodes {
  private PisTestNodes() {}

  /** A node on UDP {@code address} serving the demo site with the engine's controller, time {@code scale}x faster. */
  static PisNode demo(InetSocketAddress address, double scale) {
    return PisNode.builder().site(DemoSite.create(), PisNode.scaled(PisConfig.DEFAULT, scale))
        .listen(Transport.UDP, address).build().start();
  }

  /** A node on UDP {@code address} with a controller of fixed answers. */
  static PisNode start(InetSocketAddress address) {
    return PisNode.builder().controller(lane -> new Scripted()).listen(Transport.UDP, address).lanes(1).build().start();
  }

  /** SEEK: 200 naming a proxy in Contact; FLUSH: 100 INFO then 200 with TID and How echoed; else 200. */
  static final class Scripted implements PisController {
    @Override
    public void handle(SipRequest request, Responder responder) {
      if (request.method().equals(SipMethod.SEEK)) {
        responder.send(responder.response(200)
            .header(SipHeaders.CONTACT, Address.of(Uri.parse("sip:stall2@latrine1.loo.com"))).build());
      } else if (request.method().equals(SipMethod.FLUSH)) {
        var info = responder.response(100).header(HeaderName.HOW, "Marine-plunger-pump");
        var ok = responder.response(200);
        request.header(HeaderName.TID).ifPresent(tid -> {
          info.header(HeaderName.TID, tid);
          ok.header(HeaderName.TID, tid);
        });
        responder.send(info.build());
        responder.send(ok.build());
      } else {
        responder.send(responder.response(200).build());
      }
    }

    @Override
    public void sessionUnconfirmed(String callId) {}

    @Override
    public void handleAck(SipRequest ack) {}

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
}
