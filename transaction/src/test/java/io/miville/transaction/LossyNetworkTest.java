package io.miville.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipMessage;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.uri.Uri;
import io.miville.transaction.time.ManualTime;
import io.miville.transport.Flow;
import io.miville.transport.InboundMessage;
import io.miville.transport.MessageSender;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Fault injection: a client layer and a server layer joined by an in-memory UDP "network" that
 * loses 30% of datagrams, duplicates 10% and delays each copy by 1-150 ms (so it reorders), all
 * from a seeded random source. A few hundred INVITE and non-INVITE transactions must each end
 * with the response the server's TU chose; a 408 is accepted only where the network log proves
 * that no final response for it ever reached the client, and a server-side timeout only where no
 * ACK ever reached the server. Nothing may leak: after the run every transaction has ended.
 */
class LossyNetworkTest {
  private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 5060);
  private static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.7", 5060);
  private static final int INVITES = 150;
  private static final int NON_INVITES = 150;

  /** What the server's TU does with a request, chosen by the test for each Call-ID. */
  enum Plan { OK, BUSY, SLOW_OK, CANCELLED, NON_INVITE_OK, NON_INVITE_NOT_FOUND }

  private static int expectedStatus(Plan plan) {
    return switch (plan) {
      case OK, SLOW_OK, NON_INVITE_OK -> 200;
      case BUSY -> 486;
      case CANCELLED -> 487;
      case NON_INVITE_NOT_FOUND -> 404;
    };
  }

  /** The lossy datagram network; it also keeps the log the assertions judge timeouts by. */
  static final class LossyNetwork {
    private final ManualTime time;
    private final SplittableRandom random;
    private final SipParser parser = SipParser.create();
    private final Map<InetSocketAddress, TransactionLayer> nodes = new HashMap<>();
    /** Final responses that reached the client, by Call-ID and CSeq method. */
    final Map<String, Integer> finalsDelivered = new HashMap<>();
    /** ACKs that reached the server, by Call-ID. */
    final Map<String, Integer> acksDelivered = new HashMap<>();
    int sent;
    int lost;
    int duplicated;

    LossyNetwork(ManualTime time, long seed) {
      this.time = time;
      this.random = new SplittableRandom(seed);
    }

    MessageSender endpoint(InetSocketAddress self) {
      return new MessageSender() {
        @Override
        public CompletionStage<Void> send(SipMessage message, Flow flow) {
          transmit(message, flow.local(), flow.remote());
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Flow> send(SipMessage message, Transport transport, InetSocketAddress destination) {
          transmit(message, self, destination);
          return CompletableFuture.completedFuture(new Flow(transport, self, destination, 0));
        }
      };
    }

    private void transmit(SipMessage message, InetSocketAddress from, InetSocketAddress to) {
      byte[] datagram = message.encode();
      int copies = random.nextDouble() < 0.10 ? 2 : 1;
      if (copies == 2) {
        duplicated++;
      }
      for (int i = 0; i < copies; i++) {
        sent++;
        if (random.nextDouble() < 0.30) {
          lost++;
          continue;
        }
        long delayMicros = 1_000 + random.nextLong(149_000);
        time.schedule(Duration.ofNanos(delayMicros * 1_000), () -> deliver(datagram, from, to));
      }
    }

    private void deliver(byte[] datagram, InetSocketAddress from, InetSocketAddress to) {
      SipMessage message = parser.parseDatagram(datagram, 0, datagram.length);
      String callId = message.callId().orElseThrow();
      if (message instanceof SipResponse r && r.isFinal() && to.equals(CLIENT)) {
        finalsDelivered.merge(callId + " " + r.cseq().orElseThrow().method(), 1, Integer::sum);
      }
      if (message instanceof SipRequest r && r.method().name().equals("ACK") && to.equals(SERVER)) {
        acksDelivered.merge(callId, 1, Integer::sum);
      }
      nodes.get(to).onMessage(new InboundMessage(message, new Flow(Transport.UDP, to, from, 0), time.nanos()));
    }
  }

  /** The client TU for one transaction: ACKs every 2xx with one and the same ACK. */
  final class Call implements ResponseListener {
    final String callId;
    final Plan plan;
    final List<SipResponse> finals = new ArrayList<>();
    final List<String> outcomes = new ArrayList<>();
    ClientTransaction transaction;
    SipRequest ack;

    Call(String callId, Plan plan) {
      this.callId = callId;
      this.plan = plan;
    }

    @Override
    public void onFinal(ClientTransaction t, SipResponse response) {
      finals.add(response);
      outcomes.add("final");
      if (response.isSuccess() && t.kind() == TransactionKind.INVITE_CLIENT) {
        ack = clientLayer.withTopVia(Requests.ackFor2xx(t.request(), response), Transport.UDP);
        clientLayer.sendAck(ack, Transport.UDP, SERVER);
      }
    }

    @Override
    public void onAdditionalSuccess(ClientTransaction t, SipResponse response) {
      clientLayer.sendAck(ack, Transport.UDP, SERVER); // the 2xx was retransmitted: our ACK was lost
    }

    @Override
    public void onTimeout(ClientTransaction t, SipResponse timeout) {
      finals.add(timeout);
      outcomes.add("timeout");
    }

    @Override
    public void onTransportError(ClientTransaction t, SipResponse unavailable, Throwable cause) {
      finals.add(unavailable);
      outcomes.add("transport error");
    }
  }

  private ManualTime time;
  private TransactionLayer clientLayer;
  private TransactionLayer serverLayer;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {20240611L, 7L, 31337L})
  void everyTransactionCompletesCorrectlyOverALossyNetwork(long seed) {
    time = ManualTime.create();
    LossyNetwork net = new LossyNetwork(time, seed);
    Map<String, Plan> plans = new HashMap<>();
    Map<String, Integer> requestsSeenByServerTu = new HashMap<>();
    List<ServerTransaction> serverTimeouts = new ArrayList<>();

    clientLayer = TransactionLayer.builder(net.endpoint(CLIENT)).runtime(time).lanes(2)
        .offloadExecutor(Runnable::run).localAddress(Transport.UDP, "192.0.2.1", 5060).build();
    serverLayer = TransactionLayer.builder(net.endpoint(SERVER)).runtime(time).lanes(2)
        .offloadExecutor(Runnable::run).localAddress(Transport.UDP, "198.51.100.7", 5060)
        .requestHandler(new RequestHandler() {
          @Override
          public void onRequest(ServerTransaction t) {
            String callId = t.request().callId().orElseThrow();
            requestsSeenByServerTu.merge(callId, 1, Integer::sum);
            switch (plans.get(callId)) {
              case OK -> {
                t.respond(180);
                t.respond(success(t));
              }
              case BUSY -> t.respond(486);
              case SLOW_OK -> {
                t.respond(180);
                time.schedule(Duration.ofSeconds(2), () -> t.respond(success(t)));
              }
              case CANCELLED -> t.respond(180); // rings until the caller gives up
              case NON_INVITE_OK -> t.respond(200);
              case NON_INVITE_NOT_FOUND -> t.respond(404);
            }
          }

          @Override
          public void onTimeout(ServerTransaction t) {
            serverTimeouts.add(t);
          }
        }).build();
    net.nodes.put(CLIENT, clientLayer);
    net.nodes.put(SERVER, serverLayer);

    SplittableRandom choose = new SplittableRandom(seed ^ 0x5EED);
    List<Call> calls = new ArrayList<>();
    for (int i = 0; i < INVITES + NON_INVITES; i++) {
      boolean invite = i % 2 == 0; // INVITES == NON_INVITES: alternate
      double p = choose.nextDouble();
      Plan plan = invite
          ? (p < 0.6 ? Plan.OK : p < 0.8 ? Plan.BUSY : p < 0.9 ? Plan.SLOW_OK : Plan.CANCELLED)
          : (p < 0.8 ? Plan.NON_INVITE_OK : Plan.NON_INVITE_NOT_FOUND);
      String callId = "lossy-" + i + "@192.0.2.1";
      plans.put(callId, plan);
      Call call = new Call(callId, plan);
      calls.add(call);
      String method = invite ? "INVITE" : (i % 3 == 0 ? "OPTIONS" : i % 3 == 1 ? "MESSAGE" : "SEEK");
      int n = i;
      // spread the starts over ten seconds so that transactions overlap in every state
      time.schedule(Duration.ofMillis(i * 33L), () -> {
        call.transaction = clientLayer.sendRequest(request(method, callId, n), Transport.UDP, SERVER, call);
        if (plan == Plan.CANCELLED) {
          time.schedule(Duration.ofSeconds(1), call.transaction::cancel);
        }
      });
    }

    time.advance(Duration.ofMinutes(5));

    int expected = 0;
    List<String> problems = new ArrayList<>();
    for (Call call : calls) {
      ClientTransaction t = call.transaction;
      String key = call.callId + " " + t.request().method();
      if (call.finals.size() != 1) {
        problems.add(call.callId + " " + call.plan + ": " + call.outcomes);
        continue;
      }
      int status = call.finals.get(0).status();
      if (status == expectedStatus(call.plan) && call.outcomes.get(0).equals("final")) {
        expected++;
      } else if (status == 408 && call.outcomes.get(0).equals("timeout") && !net.finalsDelivered.containsKey(key)) {
        // legitimate: the network never let a final response through
      } else {
        problems.add(call.callId + " " + call.plan + ": got " + status + " (" + call.outcomes.get(0)
            + "), finals delivered " + net.finalsDelivered.getOrDefault(key, 0));
      }
      assertThat(t.response().toCompletableFuture()).isCompletedWithValue(call.finals.get(0));
      assertThat(t.state()).isEqualTo(TransactionState.TERMINATED);
    }
    for (ServerTransaction t : serverTimeouts) {
      String callId = t.request().callId().orElseThrow();
      if (net.acksDelivered.getOrDefault(callId, 0) > 0) {
        problems.add(callId + ": server timed out although an ACK arrived");
      }
    }
    assertThat(problems).as("seed %d: sent %d, lost %d, duplicated %d", seed, net.sent, net.lost, net.duplicated)
        .isEmpty();
    // the network was as bad as promised, and the transactions still got through
    assertThat((double) net.lost / net.sent).isBetween(0.27, 0.33);
    assertThat(net.duplicated).isGreaterThan(100);
    assertThat(expected).isGreaterThanOrEqualTo((INVITES + NON_INVITES) * 97 / 100);
    // each request reached the server's TU exactly once: retransmissions and duplicates absorbed
    assertThat(requestsSeenByServerTu).hasSize(INVITES + NON_INVITES);
    assertThat(requestsSeenByServerTu.values()).allMatch(n -> n == 1);
    // nothing leaks: every transaction on both sides ended
    for (TransactionLayer layer : List.of(clientLayer, serverLayer)) {
      TransactionCounters c = layer.counters();
      for (TransactionKind k : TransactionKind.values()) {
        assertThat(c.of(k).live()).as("%s live", k).isZero();
      }
    }
    TransactionCounters server = serverLayer.counters();
    assertThat(server.of(TransactionKind.INVITE_SERVER).created()).isEqualTo(INVITES);
    assertThat(server.retransmissionsAbsorbed()).isPositive();
    assertThat(clientLayer.counters().retransmissionsSent()).isPositive();
    assertThat(time.pendingTimers()).isZero();
  }

  private static SipResponse success(ServerTransaction t) {
    return t.responseBuilder(200)
        .header(SipHeaders.CONTACT, Address.of(Uri.parse("sip:bob@198.51.100.7:5060")))
        .build();
  }

  private static SipRequest request(String method, String callId, int i) {
    String text = method + " sip:bob@198.51.100.7 SIP/2.0\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@192.0.2.1>;tag=f" + i + "\r\n"
        + "To: <sip:bob@198.51.100.7>\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + (i + 1) + " " + method + "\r\n"
        + "Contact: <sip:alice@192.0.2.1:5060>\r\n"
        + "Content-Length: 0\r\n\r\n";
    return (SipRequest) SipParser.create().parse(text);
  }
}
