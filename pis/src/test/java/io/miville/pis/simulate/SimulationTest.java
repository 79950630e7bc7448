package io.miville.pis.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipMethod;
import io.miville.codec.pis.GeoPosition;
import io.miville.codec.pis.ProxyAttribute;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.uri.Uri;
import io.miville.node.SipNode;
import io.miville.pis.PisNode;
import io.miville.pis.client.PisClient;
import io.miville.pis.client.ScriptedController;
import io.miville.pis.site.Cluster;
import io.miville.pis.site.Position;
import io.miville.pis.site.ProxySpec;
import io.miville.pis.site.Site;
import io.miville.pis.site.WashFacility;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A short simulation against an in-process node finishes, and its figures add up. */
class SimulationTest {
  private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress("127.0.0.1", 0);

  static Site twoClusters() {
    Cluster a = new Cluster("a", "resourcecontroller@latrine1.loo.com", "Latrine 1", List.of("loo"),
        Position.of(GeoPosition.of(45.5, -73.6)), List.of(
            ProxySpec.of("stall1@latrine1.loo.com", ProxyType.STALL, Set.of(ProxyAttribute.of("Paper"))),
            ProxySpec.of("stall2@latrine1.loo.com", ProxyType.STALL, Set.of())),
        WashFacility.none());
    Cluster b = new Cluster("b", "resourcecontroller@banos.com", "Baños", List.of("baño"),
        Position.of(GeoPosition.of(45.6, -73.6)), List.of(
            ProxySpec.of("urinal1@banos.com", ProxyType.URINAL, Set.of())), WashFacility.none());
    return new Site("test", List.of(a, b), Set.of(), Map.of());
  }

  @Test
  void aShortRunWithAFixedSeedFinishesAndItsFiguresAddUp() throws Exception {
    ScriptedController scripted = new ScriptedController();
    List<String> lines = new CopyOnWriteArrayList<>();
    try (PisNode pis = PisNode.builder().controller(lane -> scripted).listen(Transport.UDP, ANY_LOOPBACK).lanes(1)
        .build().start();
        SipNode ua = SipNode.builder().listen(Transport.UDP, ANY_LOOPBACK).lanes(1).ioThreads(1).build().start()) {
      PisClient client = PisClient.create(ua,
          Uri.parse("sip:127.0.0.1:" + pis.address(Transport.UDP).orElseThrow().getPort()));
      Simulation.Settings s = Simulation.Settings.of(5, Duration.ofMillis(1500), 42).withSpeed(600)
          .withSensorEventsPerMinute(0.2).withReportEvery(Duration.ofMillis(500)).withDrain(Duration.ofSeconds(10));

      Figures f = Simulation.create(client, twoClusters(), s, lines::add).run();

      assertThat(f.visitsStarted()).isPositive();
      assertThat(f.visitsInProgress()).as("every visit finished in the drain time").isZero();
      assertThat(f.visitsServed() + f.visitsTurnedAway() + f.visitsRefused() + f.visitsInProgress())
          .isEqualTo(f.visitsStarted());
      assertThat(f.finalsReceived()).isEqualTo(f.requestsSent());
      // the scripted controller serves everyone: every SEEK queued once, then got a proxy
      assertThat(f.visitsServed()).isEqualTo(f.visitsStarted());
      assertThat(f.waits().values().stream().mapToLong(List::size).sum()).isEqualTo(f.visitsServed());
      assertThat(f.answers().get("SEEK")).containsEntry(110, f.visitsStarted()).containsEntry(200, f.visitsStarted());
      assertThat(f.answers().get("INVITE").get(200)).isEqualTo(f.visitsServed());
      assertThat(f.answers().get("BYE").get(200)).isEqualTo(f.visitsServed());
      assertThat(f.answers().get("FLUSH").get(200)).isEqualTo(f.visitsServed());
      long finals = f.answers().entrySet().stream().mapToLong(e -> e.getValue().get(200)).sum();
      assertThat(finals).isEqualTo(f.requestsSent());
      assertThat(f.sensorEvents()).isEqualTo(f.answers().getOrDefault("PUBLISH", Map.of()).getOrDefault(200, 0L));
      // what the controller saw agrees with what the simulation sent
      assertThat(scripted.received.stream().filter(r -> r.method().equals(SipMethod.SEEK)).count())
          .isEqualTo(f.visitsStarted());
      assertThat(pis.requests()).isEqualTo(f.requestsSent());
      assertThat(f.utilisation()).isBetween(0.0, 1.0);
      assertThat(lines).anyMatch(l -> l.startsWith("simulating 5 user agents"))
          .anyMatch(l -> l.contains("waits for a proxy"))
          .anyMatch(l -> l.startsWith("[") && l.contains("visits"));
    }
  }
}
