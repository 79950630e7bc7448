package io.miville.bench.pis;

import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.NamedValue;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.pis.InfoItem;
import io.miville.codec.pis.ProxyType;
import io.miville.codec.uri.Uri;
import io.miville.node.SipNode;
import io.miville.pis.controller.ClusterSnapshot;
import io.miville.pis.controller.LoadFigures;
import io.miville.pis.controller.ProxyCondition;
import io.miville.pis.controller.ProxySnapshot;
import io.miville.pis.presence.ClusterDirectory;
import io.miville.pis.presence.PresenceConfig;
import io.miville.pis.presence.PresenceService;
import io.miville.transaction.time.ThreadLanes;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * NOTIFY fan-out of the PIS presence service over real UDP sockets on loopback: N subscribers
 * (spread over a few subscriber nodes, each subscription its own dialog) hold a {@code pis-cluster}
 * subscription to one cluster; each round the cluster changes once and the round ends when every
 * subscriber has received (and answered 200) the NOTIFY. Rate limiting is off (interval 0), so
 * this measures the notifier's fan-out path: build the NOTIFY, start its client transaction,
 * send; plus the subscribers' receive and answer on the same machine.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.miville.bench.pis.NotifyFanout [SUBSCRIBERS] [ROUNDS] [WARMUP] [NODES] [WINDOW]</pre>
 */
public final class NotifyFanout {
  private NotifyFanout() {}

  public static void main(String[] args) throws Exception {
    int subscribers = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    int nodeCount = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    int window = args.length > 4 ? Integer.parseInt(args[4]) : PresenceConfig.DEFAULT.maxInFlightTotal();

    AtomicReference<ClusterSnapshot> current = new AtomicReference<>(snapshot(1));
    ClusterDirectory directory = ClusterDirectory.of(h -> Optional.of("c1"), id -> Optional.of(current.get()));
    Semaphore received = new Semaphore(0);
    PresenceService[] holder = new PresenceService[1];
    try (ThreadLanes lanes = ThreadLanes.create();
        SipNode notifier = SipNode.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0))
            .requestHandler(tx -> holder[0].onSubscribe(tx)).build()) {
      PresenceService service = PresenceService.builder(lanes.newLane("presence"), directory, notifier::transactions)
          .config(PresenceConfig.DEFAULT.withMaxSubscriptions(subscribers + 100).withNotifyInterval(Duration.ZERO)
              .withMaxInFlight(4).withMaxInFlightTotal(window))
          .build();
      holder[0] = service;
      notifier.start();
      InetSocketAddress target = notifier.address(Transport.UDP).orElseThrow();
      List<SipNode> nodes = new ArrayList<>();
      try {
        for (int i = 0; i < nodeCount; i++) {
          nodes.add(SipNode.builder().listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0))
              .requestHandler(tx -> {
                tx.respond(200);
                received.release();
              }).build().start());
        }
        long t0 = System.nanoTime();
        Semaphore pending = new Semaphore(200); // SUBSCRIBEs outstanding at once
        for (int i = 0; i < subscribers; i++) {
          SipNode node = nodes.get(i % nodeCount);
          pending.acquire();
          node.transactions().sendRequest(subscribe(node, i), Transport.UDP, target).response()
              .whenComplete((r, e) -> {
                pending.release();
                if (e != null || r.status() != 200) {
                  System.err.println("SUBSCRIBE failed: " + (e != null ? e : r.status()));
                }
              });
        }
        await(received, subscribers, "initial NOTIFYs");
        System.out.printf("%d subscriptions and their initial NOTIFYs in %d ms%n", subscribers,
            (System.nanoTime() - t0) / 1_000_000);

        double[] roundMillis = new double[rounds];
        long measuredStart = 0;
        for (int round = 0; round < warmup + rounds; round++) {
          if (round == warmup) {
            measuredStart = System.nanoTime();
          }
          long start = System.nanoTime();
          ClusterSnapshot next = snapshot(round + 2);
          current.set(next);
          service.onClusterChanged(next);
          try {
            await(received, subscribers, "round " + round);
          } catch (IllegalStateException e) {
            System.err.printf("sent %d failed %d subscriptions %d%nnotifier %s%n", service.notifiesSent(),
                service.notifiesFailed(), service.subscriptionCount(), notifier.transactions().counters());
            for (SipNode n : nodes) {
              System.err.println("subscriber " + n.transactions().counters());
            }
            throw e;
          }
          if (round >= warmup) {
            roundMillis[round - warmup] = (System.nanoTime() - start) / 1e6;
          }
        }
        double seconds = (System.nanoTime() - measuredStart) / 1e9;
        Arrays.sort(roundMillis);
        System.out.printf("NOTIFY fan-out: %d subscribers x %d rounds in %.2f s = %.0f NOTIFY/s delivered and answered%n",
            subscribers, rounds, seconds, subscribers * (double) rounds / seconds);
        System.out.printf("round (one change to every subscriber): median %.1f ms, min %.1f ms, max %.1f ms%n",
            roundMillis[rounds / 2], roundMillis[0], roundMillis[rounds - 1]);
        System.out.printf("NOTIFYs sent %d, failed %d, body %d bytes%n", service.notifiesSent(),
            service.notifiesFailed(), io.miville.pis.presence.PresenceBodies.cluster(current.get()).length);
      } finally {
        for (SipNode n : nodes) {
          n.close();
        }
      }
    }
  }

  private static void await(Semaphore received, int count, String what) throws InterruptedException {
    if (!received.tryAcquire(count, 20, TimeUnit.SECONDS)) {
      throw new IllegalStateException(what + ": only " + received.availablePermits() + " of " + count
          + " NOTIFYs within 20 s");
    }
  }

  private static SipRequest subscribe(SipNode node, int i) {
    Uri ruri = Uri.parse("sip:resourcecontroller@latrine1.loo.com");
    int port = node.address(Transport.UDP).orElseThrow().getPort();
    return SipRequest.builder(SipMethod.SUBSCRIBE, ruri)
        .header(SipHeaders.MAX_FORWARDS, 70)
        .header(SipHeaders.FROM, Address.of(Uri.parse("sip:watcher" + i + "@example.com")).withTag("w" + i))
        .header(SipHeaders.TO, Address.of(ruri))
        .header(SipHeaders.CALL_ID, "fanout-" + i)
        .header(SipHeaders.CSEQ, new CSeq(1, SipMethod.SUBSCRIBE))
        .header(SipHeaders.CONTACT, Address.of(Uri.parse("sip:watcher" + i + "@127.0.0.1:" + port)))
        .header(SipHeaders.EVENT, NamedValue.of("pis-cluster"))
        .header(SipHeaders.EXPIRES, 3600L)
        .build();
  }

  /** A cluster of 12 proxies whose first stall flips between occupied and free each version. */
  private static ClusterSnapshot snapshot(long version) {
    List<ProxySnapshot> proxies = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ProxyCondition c = i == 0 && version % 2 == 0 ? ProxyCondition.OCCUPIED : ProxyCondition.AVAILABLE;
      proxies.add(new ProxySnapshot("stall" + (i + 1) + "@latrine1.loo.com", ProxyType.STALL, c,
          c == ProxyCondition.OCCUPIED ? 1 : 0, 1, i == 3 ? List.of(InfoItem.NO_PAPER) : List.of(), 3.0, Set.of()));
    }
    proxies.add(new ProxySnapshot("urinal1@latrine1.loo.com", ProxyType.LINE_URINAL, ProxyCondition.AVAILABLE, 2, 4,
        List.of(), 0, Set.of()));
    proxies.add(new ProxySnapshot("sink1@latrine1.loo.com", ProxyType.COMMODE, ProxyCondition.AVAILABLE, 0, 1,
        List.of(), 0, Set.of()));
    return new ClusterSnapshot("c1", "resourcecontroller@latrine1.loo.com", "Latrine 1", version, proxies,
        (int) (version % 5), (version % 5) * 60.0,
        List.of(new LoadFigures(ProxyType.STALL, 240, 2.5, 0.6, (int) (version % 5), (version % 5) * 60.0)));
  }
}
