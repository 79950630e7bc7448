package io.miville.node;

import io.miville.codec.CodecConfig;
import io.miville.transaction.RequestHandler;
import io.miville.transaction.TimerConfig;
import io.miville.transaction.TransactionLayer;
import io.miville.transport.InboundHandler;
import io.miville.transport.InboundMessage;
import io.miville.transport.ListenPoint;
import io.miville.transport.SipTransportLayer;
import io.miville.transport.TlsConfig;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * A SIP node: the transports and the transaction layer wired together, with one
 * {@link RequestHandler} (the application) on top. Start it, send requests through
 * {@link #transactions()}, close it.
 *
 * <pre>{@code
 * try (SipNode node = SipNode.builder()
 *     .listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 5060))
 *     .requestHandler(new BasicUas(UasPolicy.DEFAULT))
 *     .build().start()) {
 *   ...
 * }
 * }</pre>
 */
public final class SipNode implements AutoCloseable {
  private final Builder config;
  private final SipTransportLayer transport;
  private final LongAdder beforeStart = new LongAdder();
  private volatile TransactionLayer transactions;

  private SipNode(Builder b) {
    this.config = b;
    InboundHandler handoff = this::deliver;
    SipTransportLayer.Builder tb = SipTransportLayer.builder().handler(handoff).codecConfig(b.codecConfig);
    for (ListenPoint lp : b.listenPoints) {
      tb.listen(lp);
    }
    b.tls.ifPresent(tb::tls);
    if (b.ioThreads > 0) {
      tb.ioThreads(b.ioThreads);
    }
    this.transport = tb.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private void deliver(InboundMessage message) {
    TransactionLayer layer = transactions;
    if (layer == null) {
      beforeStart.increment(); // bound but not yet wired: a retransmission will bring it again
      return;
    }
    layer.onMessage(message);
  }

  /**
   * Binds every listen point, then builds the transaction layer with the bound addresses as the
   * sent-by of the requests it sends.
   */
  public SipNode start() {
    transport.start();
    TransactionLayer.Builder lb = TransactionLayer.builder(transport).timers(config.timers)
        .requestHandler(config.handler);
    if (config.lanes > 0) {
      lb.lanes(config.lanes);
    }
    for (ListenPoint lp : transport.listenPoints()) {
      InetSocketAddress a = lp.address();
      String host = a.getAddress() instanceof java.net.Inet6Address
          ? "[" + a.getAddress().getHostAddress().replaceAll("%.*", "") + "]"
          : a.getAddress().getHostAddress();
      lb.localAddress(lp.transport(), host, a.getPort());
    }
    transactions = lb.build();
    return this;
  }

  /** The transaction layer, to send requests; present once started. */
  public TransactionLayer transactions() {
    TransactionLayer t = transactions;
    if (t == null) {
      throw new IllegalStateException("node not started");
    }
    return t;
  }

  public SipTransportLayer transport() {
    return transport;
  }

  /** The bound address of {@code t}, if the node listens on it. */
  public Optional<InetSocketAddress> address(Transport t) {
    return transport.listenPoint(t).map(ListenPoint::address);
  }

  public List<ListenPoint> listenPoints() {
    return transport.listenPoints();
  }

  @Override
  public void close() {
    TransactionLayer t = transactions;
    if (t != null) {
      t.close();
    }
    transport.close();
  }

  /** Settings of a node. */
  public static final class Builder {
    private final List<ListenPoint> listenPoints = new ArrayList<>();
    private Optional<TlsConfig> tls = Optional.empty();
    private RequestHandler handler = tx -> tx.respond(501);
    private TimerConfig timers = TimerConfig.DEFAULT;
    private CodecConfig codecConfig = CodecConfig.DEFAULT;
    private int lanes;
    private int ioThreads;

    /** Listens on {@code address} over {@code t} (port 0: any free port). */
    public Builder listen(Transport t, InetSocketAddress address) {
      listenPoints.add(new ListenPoint(t, address));
      return this;
    }

    public Builder tls(TlsConfig config) {
      this.tls = Optional.of(config);
      return this;
    }

    /** The application: answers every new request. */
    public Builder requestHandler(RequestHandler h) {
      this.handler = Objects.requireNonNull(h);
      return this;
    }

    public Builder timers(TimerConfig t) {
      this.timers = Objects.requireNonNull(t);
      return this;
    }

    public Builder codecConfig(CodecConfig c) {
      this.codecConfig = Objects.requireNonNull(c);
      return this;
    }

    /** Number of transaction lanes; 0 for one per processor. */
    public Builder lanes(int n) {
      this.lanes = n;
      return this;
    }

    /** Number of Netty I/O threads; 0 for the transport's default. */
    public Builder ioThreads(int n) {
      this.ioThreads = n;
      return this;
    }

    public SipNode build() {
      if (listenPoints.isEmpty()) {
        throw new IllegalStateException("a node needs at least one listen point");
      }
      return new SipNode(this);
    }
  }
}
