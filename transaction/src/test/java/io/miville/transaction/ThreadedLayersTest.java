package io.miville.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipMessage;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.transport.Flow;
import io.miville.transport.InboundMessage;
import io.miville.transport.MessageSender;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The production threading: lanes on platform threads, "I/O threads" (a small pool, as Netty's
 * event loops) calling onMessage, requests started from several application threads, blocking
 * work offloaded to virtual threads. Checks that TU code runs on lanes only and every
 * transaction completes.
 */
class ThreadedLayersTest {
  private static final InetSocketAddress CLIENT = new InetSocketAddress("192.0.2.1", 5060);
  private static final InetSocketAddress SERVER = new InetSocketAddress("198.51.100.7", 5060);
  private static final int REQUESTS = 400;

  @Test
  void requestsFromManyThreadsCompleteWithTuCodeOnLanes() throws Exception {
    ExecutorService io = Executors.newFixedThreadPool(2, r -> new Thread(r, "fake-io"));
    Map<InetSocketAddress, TransactionLayer> nodes = new ConcurrentHashMap<>();
    SipParser parser = SipParser.create();
    Set<String> tuThreads = ConcurrentHashMap.newKeySet();
    AtomicReference<String> offloadThread = new AtomicReference<>("none");

    class Wire implements MessageSender {
      final InetSocketAddress self;

      Wire(InetSocketAddress self) {
        this.self = self;
      }

      private void deliver(SipMessage m, InetSocketAddress from, InetSocketAddress to) {
        byte[] bytes = m.encode();
        io.execute(() -> nodes.get(to).onMessage(new InboundMessage(
            parser.parse(bytes), new Flow(Transport.UDP, to, from, 0), System.nanoTime())));
      }

      @Override
      public CompletionStage<Void> send(SipMessage message, Flow flow) {
        deliver(message, flow.local(), flow.remote());
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletionStage<Flow> send(SipMessage message, Transport transport, InetSocketAddress destination) {
        deliver(message, self, destination);
        // completes later, on an "I/O thread", as a real transport's future does
        return CompletableFuture.supplyAsync(() -> new Flow(transport, self, destination, 0), io);
      }
    }

    try (TransactionLayer client = TransactionLayer.builder(new Wire(CLIENT)).lanes(2)
            .localAddress(Transport.UDP, "192.0.2.1", 5060).build();
        TransactionLayer server = TransactionLayer.builder(new Wire(SERVER)).lanes(3)
            .localAddress(Transport.UDP, "198.51.100.7", 5060)
            .requestHandler(t -> {
              tuThreads.add(Thread.currentThread().getName());
              if (t.request().method().name().equals("MESSAGE")) {
                // pretend to write to a database before answering
                t.offload(() -> {
                  offloadThread.set(Thread.currentThread().isVirtual() ? "virtual" : "platform");
                  return 202;
                }, (status, error) -> {
                  tuThreads.add(Thread.currentThread().getName());
                  t.respond(status);
                });
              } else {
                t.respond(200);
              }
            }).build()) {
      nodes.put(CLIENT, client);
      nodes.put(SERVER, server);

      List<CompletableFuture<SipResponse>> results = new ArrayList<>();
      Set<String> listenerThreads = ConcurrentHashMap.newKeySet();
      ExecutorService apps = Executors.newFixedThreadPool(4);
      List<CompletableFuture<CompletableFuture<SipResponse>>> started = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        int n = i;
        started.add(CompletableFuture.supplyAsync(() -> client.sendRequest(request(n), Transport.UDP, SERVER,
            new ResponseListener() {
              @Override
              public void onFinal(ClientTransaction t, SipResponse response) {
                listenerThreads.add(Thread.currentThread().getName());
              }
            }).response().toCompletableFuture(), apps));
      }
      for (var s : started) {
        results.add(s.get(10, TimeUnit.SECONDS));
      }
      CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
      apps.shutdown();

      for (int i = 0; i < REQUESTS; i++) {
        assertThat(results.get(i).get().status()).isEqualTo(i % 2 == 0 ? 200 : 202);
      }
      assertThat(tuThreads).allMatch(name -> name.startsWith("miville-lane-"));
      assertThat(listenerThreads).allMatch(name -> name.startsWith("miville-lane-"));
      assertThat(offloadThread.get()).isEqualTo("virtual");
      assertThat(server.counters().of(TransactionKind.NON_INVITE_SERVER).created()).isEqualTo(REQUESTS);
      assertThat(client.counters().of(TransactionKind.NON_INVITE_CLIENT).created()).isEqualTo(REQUESTS);
    } finally {
      io.shutdownNow();
    }
  }

  private static SipRequest request(int i) {
    String method = i % 2 == 0 ? "OPTIONS" : "MESSAGE";
    return SipRequest.builder(io.miville.codec.SipMethod.of(method),
            io.miville.codec.uri.Uri.parse("sip:bob@198.51.100.7"))
        .header("Max-Forwards", "70")
        .header("From", "<sip:alice@192.0.2.1>;tag=t" + i)
        .header("To", "<sip:bob@198.51.100.7>")
        .header("Call-ID", "threaded-" + i)
        .header("CSeq", "1 " + method)
        .build();
  }
}
