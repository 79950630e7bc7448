package io.miville.transport;

import io.miville.codec.CodecConfig;
import io.miville.codec.SipMessage;
import io.miville.codec.SipParseException;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The transport layer of RFC 3261 §18 on Netty: UDP, TCP, TLS and WebSocket (RFC 7118) listen
 * points, framing and keep-alives, connection management, and the Via rules for received,
 * rport and response routing (RFC 3261 §18.2, RFC 3581).
 *
 * <p>Every well-formed message read is handed, parsed, to the {@link InboundHandler} on the
 * Netty I/O thread that read it, with the {@link Flow} it came on and its arrival time from
 * the injected monotonic clock. Requests arrive with {@code received}/{@code rport} already in
 * their top Via. Malformed requests are answered statelessly (400, 413, 414, 505) when enough
 * headers can be salvaged; everything else that is bad is dropped and counted (see
 * {@link TransportCounters}). Messages go out through {@link MessageSender}; it is safe to
 * call from any thread, never blocks, and completes its stage on an I/O thread.
 *
 * <pre>{@code
 * SipTransportLayer layer = SipTransportLayer.builder()
 *     .listen(Transport.UDP, new InetSocketAddress("0.0.0.0", 5060))
 *     .listen(Transport.TCP, new InetSocketAddress("0.0.0.0", 5060))
 *     .handler(in -> lanes.dispatch(in))
 *     .build()
 *     .start();
 * }</pre>
 *
 * <p>Limits: message sizes from {@link CodecConfig}; a cap on concurrent stream connections
 * (beyond it, accepted connections are closed at once and outbound ones fail); an idle timeout
 * that closes silent connections; a high-water mark on each connection's outbound buffer:
 * a connection whose peer does not read past it is closed and the send fails, rather than
 * buffering without bound. UDP sends that find the socket's buffer full are dropped. There is
 * no queue between the network and the handler.
 */
public final class SipTransportLayer implements MessageSender, AutoCloseable {
  private static final int NEW = 0;
  private static final int STARTED = 1;
  private static final int CLOSED = 2;
  /** The largest UDP payload over IPv4 (65,535 minus IP and UDP headers). */
  private static final int MAX_DATAGRAM = 65_507;

  private final List<ListenPoint> requested;
  private final InboundHandler handler;
  private final CodecConfig codecConfig;
  private final SipParser parser;
  private final int maxConnections;
  private final Duration idleTimeout;
  private final Duration connectTimeout;
  private final Duration handshakeTimeout;
  private final Duration messageTimeout;
  private final int writeBufferHighWaterMark;
  private final int udpReceiveBufferBytes;
  private final Optional<TlsConfig> tls;
  private final String webSocketPath;
  private final int ioThreads;
  private final boolean nativeTransport;
  private final LongSupplier clock;

  final Counters counters = new Counters();
  private final AtomicInteger state = new AtomicInteger(NEW);
  private final AtomicLong nextConnectionId = new AtomicLong(1);
  private final List<ListenPoint> bound = new CopyOnWriteArrayList<>();
  private final List<Channel> listeners = new CopyOnWriteArrayList<>();
  private final List<UdpSocket> udpSockets = new CopyOnWriteArrayList<>();
  private final ConcurrentHashMap<Long, Connection> connectionsById = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<PeerKey, Connection> connectionsByPeer = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<PeerKey, CompletableFuture<Connection>> connecting = new ConcurrentHashMap<>();

  private EventLoopGroup acceptGroup;
  private EventLoopGroup ioGroup;
  private boolean epoll;
  private Class<? extends ServerChannel> serverChannelClass;
  private Class<? extends Channel> socketChannelClass;
  private Class<? extends DatagramChannel> datagramChannelClass;

  private SipTransportLayer(Builder b) {
    this.requested = List.copyOf(b.listenPoints);
    this.handler = Objects.requireNonNull(b.handler, "an inbound handler is required");
    this.codecConfig = b.codecConfig;
    this.parser = SipParser.create(codecConfig);
    this.maxConnections = b.maxConnections;
    this.idleTimeout = b.idleTimeout;
    this.connectTimeout = b.connectTimeout;
    this.handshakeTimeout = b.handshakeTimeout;
    this.messageTimeout = b.messageTimeout;
    this.writeBufferHighWaterMark = b.writeBufferHighWaterMark;
    this.udpReceiveBufferBytes = b.udpReceiveBufferBytes;
    this.tls = Optional.ofNullable(b.tls);
    this.webSocketPath = b.webSocketPath;
    this.ioThreads = b.ioThreads;
    this.nativeTransport = b.nativeTransport;
    this.clock = b.clock;
    for (ListenPoint lp : requested) {
      if ((lp.transport() == Transport.TLS || lp.transport() == Transport.WSS)
          && (tls.isEmpty() || !tls.get().canServe())) {
        throw new IllegalArgumentException(lp.transport() + " listen point needs a TLS certificate and key");
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  // ---- life cycle ----

  /**
   * Binds every listen point and starts the I/O threads.
   *
   * @return this layer
   * @throws TransportException if a listen point cannot be bound (the layer is then closed)
   */
  public SipTransportLayer start() {
    if (!state.compareAndSet(NEW, STARTED)) {
      throw new IllegalStateException("already started or closed");
    }
    epoll = nativeTransport && Epoll.isAvailable();
    if (epoll) {
      acceptGroup = new EpollEventLoopGroup(1, new DefaultThreadFactory("miville-accept", true));
      ioGroup = new EpollEventLoopGroup(ioThreads, new DefaultThreadFactory("miville-io", true));
      serverChannelClass = EpollServerSocketChannel.class;
      socketChannelClass = EpollSocketChannel.class;
      datagramChannelClass = EpollDatagramChannel.class;
    } else {
      acceptGroup = new NioEventLoopGroup(1, new DefaultThreadFactory("miville-accept", true));
      ioGroup = new NioEventLoopGroup(ioThreads, new DefaultThreadFactory("miville-io", true));
      serverChannelClass = NioServerSocketChannel.class;
      socketChannelClass = NioSocketChannel.class;
      datagramChannelClass = NioDatagramChannel.class;
    }
    try {
      for (ListenPoint lp : requested) {
        if (lp.transport() == Transport.UDP) {
          bindUdp(lp);
        } else {
          bindStream(lp);
        }
      }
    } catch (RuntimeException e) {
      close();
      throw e instanceof TransportException ? e : new TransportException("cannot start: " + e.getMessage(), e);
    }
    return this;
  }

  /** The listen points as bound, with the ports the system chose for port 0. */
  public List<ListenPoint> listenPoints() {
    return List.copyOf(bound);
  }

  /** The first listen point of {@code transport}, as bound. */
  public Optional<ListenPoint> listenPoint(Transport transport) {
    return bound.stream().filter(lp -> lp.transport() == transport).findFirst();
  }

  /** True if the Linux epoll transport is in use (else Java NIO). */
  public boolean usesNativeTransport() {
    return epoll;
  }

  /** A snapshot of the counters. */
  public TransportCounters counters() {
    return counters.snapshot();
  }

  /** Closes every socket and stops the I/O threads; waits up to a few seconds. Idempotent. */
  @Override
  public void close() {
    if (state.getAndSet(CLOSED) == CLOSED) {
      return;
    }
    TransportException closed = new TransportException("transport layer closed");
    connecting.values().forEach(f -> f.completeExceptionally(closed));
    listeners.forEach(Channel::close);
    connectionsById.values().forEach(c -> c.channel().close());
    List<io.netty.util.concurrent.Future<?>> stops = new ArrayList<>();
    for (EventLoopGroup g : new EventLoopGroup[] {acceptGroup, ioGroup}) {
      if (g != null) {
        stops.add(g.shutdownGracefully(0, 2, TimeUnit.SECONDS));
      }
    }
    stops.forEach(f -> f.awaitUninterruptibly(5, TimeUnit.SECONDS));
  }

  // ---- binding ----

  private void bindStream(ListenPoint lp) {
    ServerBootstrap sb = new ServerBootstrap()
        .group(acceptGroup, ioGroup)
        .channel(serverChannelClass)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childOption(ChannelOption.SO_KEEPALIVE, true)
        .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            acceptConnection(lp.transport(), ch);
          }
        });
    Channel ch = await(sb.bind(lp.address()), "cannot listen on " + lp);
    listeners.add(ch);
    bound.add(ListenPoint.of(lp.transport(), (InetSocketAddress) ch.localAddress()));
  }

  private void bindUdp(ListenPoint lp) {
    // with epoll, one socket per I/O thread on the same port (SO_REUSEPORT): the kernel spreads
    // datagrams over them by source; with NIO a single socket and thread reads the port
    int sockets = epoll ? ioThreads : 1;
    Bootstrap b = new Bootstrap()
        .group(ioGroup)
        .channel(datagramChannelClass)
        .option(ChannelOption.SO_RCVBUF, udpReceiveBufferBytes)
        // one byte more than the limit, so that a datagram over it is seen to be over it
        .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(codecConfig.maxMessageBytes() + 1))
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
        .handler(new DatagramHandler(this));
    if (epoll) {
      b.option(EpollChannelOption.SO_REUSEPORT, true);
    }
    Channel first = await(b.bind(lp.address()), "cannot listen on " + lp);
    InetSocketAddress actual = (InetSocketAddress) first.localAddress();
    Channel[] channels = new Channel[sockets];
    channels[0] = first;
    listeners.add(first);
    for (int i = 1; i < sockets; i++) {
      channels[i] = await(b.bind(actual), "cannot listen on " + lp);
      listeners.add(channels[i]);
    }
    udpSockets.add(new UdpSocket(actual, channels));
    bound.add(ListenPoint.of(Transport.UDP, actual));
  }

  private static Channel await(ChannelFuture f, String what) {
    f.awaitUninterruptibly();
    if (!f.isSuccess()) {
      throw new TransportException(what + ": " + f.cause().getMessage(), f.cause());
    }
    return f.channel();
  }

  private WriteBufferWaterMark waterMark() {
    return new WriteBufferWaterMark(writeBufferHighWaterMark / 2, writeBufferHighWaterMark);
  }

  // ---- pipelines ----

  /** Sets up an accepted connection, or closes it at once if the cap is reached. */
  private void acceptConnection(Transport transport, SocketChannel ch) {
    if (state.get() != STARTED || !counters.reserveConnection(maxConnections)) {
      counters.connectionsRefused.increment();
      ch.close();
      return;
    }
    counters.connectionsAccepted.increment();
    ch.closeFuture().addListener(f -> counters.releaseConnection());
    ChannelPipeline p = ch.pipeline();
    if (transport == Transport.TLS || transport == Transport.WSS) {
      p.addLast("tls", tls.orElseThrow().serverHandler(ch.alloc(), handshakeTimeout));
    }
    p.addLast("idle", idleHandler());
    if (transport == Transport.WS || transport == Transport.WSS) {
      p.addLast("http", new HttpServerCodec(4096, 8192, 8192));
      p.addLast("http-aggregator", new HttpObjectAggregator(8192));
      p.addLast("ws-guard", new WebSocketHandlers.UpgradeGuard(this, webSocketPath));
      p.addLast("ws", new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
          .websocketPath(webSocketPath)
          .checkStartsWith(true)
          .subprotocols(WebSocketHandlers.SUBPROTOCOL)
          .maxFramePayloadLength(codecConfig.maxMessageBytes())
          .handshakeTimeoutMillis(handshakeTimeout.toMillis())
          .dropPongFrames(true)
          .build()));
      p.addLast("ws-aggregator", new WebSocketFrameAggregator(codecConfig.maxMessageBytes()));
      p.addLast("sip", new WebSocketHandlers.MessageHandler(this, transport, null, Optional.empty()));
    } else {
      p.addLast("sip", new StreamHandler(this, transport, null, Optional.empty()));
    }
  }

  /** Opens an outbound connection; {@code ready} completes once it can carry SIP. */
  private void openConnection(Transport transport, InetSocketAddress peer, CompletableFuture<Connection> ready) {
    Bootstrap b = new Bootstrap()
        .group(ioGroup)
        .channel(socketChannelClass)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()))
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.WRITE_BUFFER_WATER_MARK, waterMark())
        .handler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            ChannelPipeline p = ch.pipeline();
            if (transport == Transport.TLS || transport == Transport.WSS) {
              p.addLast("tls", tls.orElseThrow().clientHandler(ch.alloc(), peer, handshakeTimeout));
            }
            p.addLast("idle", idleHandler());
            if (transport == Transport.WS || transport == Transport.WSS) {
              String scheme = transport == Transport.WSS ? "wss" : "ws";
              URI uri = URI.create(scheme + "://" + NetUtil.toSocketAddressString(peer) + webSocketPath);
              p.addLast("http", new HttpClientCodec(4096, 8192, 8192));
              p.addLast("http-aggregator", new HttpObjectAggregator(8192));
              p.addLast("ws", new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                  .webSocketUri(uri)
                  .subprotocol(WebSocketHandlers.SUBPROTOCOL)
                  .version(WebSocketVersion.V13)
                  .maxFramePayloadLength(codecConfig.maxMessageBytes())
                  .handshakeTimeoutMillis(handshakeTimeout.toMillis())
                  .dropPongFrames(true)
                  .build()));
              p.addLast("ws-aggregator", new WebSocketFrameAggregator(codecConfig.maxMessageBytes()));
              p.addLast("sip", new WebSocketHandlers.MessageHandler(SipTransportLayer.this, transport, ready, Optional.of(peer)));
            } else {
              p.addLast("sip", new StreamHandler(SipTransportLayer.this, transport, ready, Optional.of(peer)));
            }
          }
        });
    if (!counters.reserveConnection(maxConnections)) {
      ready.completeExceptionally(new TransportException("connection limit reached (" + maxConnections + ")"));
      return;
    }
    ChannelFuture f;
    try {
      f = b.connect(peer);
    } catch (RuntimeException e) {
      counters.releaseConnection();
      ready.completeExceptionally(new TransportException("cannot connect to " + peer + ": " + e.getMessage(), e));
      return;
    }
    Channel ch = f.channel();
    ch.closeFuture().addListener(x -> counters.releaseConnection());
    // the send fails only after the slot is released, so that counters agree with what callers saw
    f.addListener(x -> {
      if (x.isSuccess()) {
        counters.connectionsOpened.increment();
        // a connection that closes before it is ready (handshake failure, ...) fails the send
        ch.closeFuture().addListener(y -> ready.completeExceptionally(
            new TransportException("connection to " + peer + " closed before it was ready")));
      } else {
        Throwable cause = x.cause();
        ch.close();
        ch.closeFuture().addListener(y -> ready.completeExceptionally(
            new TransportException("cannot connect to " + peer + ": " + cause.getMessage(), cause)));
      }
    });
  }

  private IdleStateHandler idleHandler() {
    return new IdleStateHandler(false, 0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  // ---- connections (called by the handlers on I/O threads) ----

  /** A stream channel became active: give it an id and a flow. */
  Connection connectionActive(Transport transport, Channel ch, boolean outbound, Optional<InetSocketAddress> requestedPeer) {
    long id = nextConnectionId.getAndIncrement();
    Connection c = new Connection(id, transport, ch,
        new Flow(transport, (InetSocketAddress) ch.localAddress(), (InetSocketAddress) ch.remoteAddress(), id),
        outbound, requestedPeer);
    connectionsById.put(c.id(), c);
    return c;
  }

  /** The connection can carry SIP (TLS and WebSocket handshakes done): reuse it for its peer. */
  void connectionReady(Connection c) {
    connectionsByPeer.put(new PeerKey(c.transport(), c.flow().remote()), c);
    c.requestedPeer().ifPresent(p -> connectionsByPeer.put(new PeerKey(c.transport(), p), c));
  }

  void connectionClosed(Connection c) {
    connectionsById.remove(c.id(), c);
    connectionsByPeer.remove(new PeerKey(c.transport(), c.flow().remote()), c);
    c.requestedPeer().ifPresent(p -> connectionsByPeer.remove(new PeerKey(c.transport(), p), c));
  }

  // ---- inbound (called by the handlers on I/O threads) ----

  long now() {
    return clock.getAsLong();
  }

  CodecConfig codecConfig() {
    return codecConfig;
  }

  Duration messageTimeout() {
    return messageTimeout;
  }

  SipParser parser() {
    return parser;
  }

  /**
   * A parsed message: checked for the headers every message needs, stamped with
   * received/rport if a request, and handed to the inbound handler.
   */
  void deliver(SipMessage message, Flow flow, long receivedNanos) {
    if (!hasMandatoryHeaders(message)) {
      counters.malformedDropped.increment();
      return;
    }
    SipMessage m;
    try {
      m = message instanceof SipRequest r ? ViaRouting.stampReceived(r, flow.remote()) : message;
    } catch (RuntimeException e) {
      // a Via the codec accepted but cannot rewrite: treat as malformed rather than fail the read
      counters.malformedDropped.increment();
      return;
    }
    counters.messageIn(flow.transport());
    try {
      handler.onMessage(new InboundMessage(m, flow, receivedNanos));
    } catch (RuntimeException e) {
      counters.handlerErrors.increment();
    }
  }

  /**
   * RFC 3261 §8.1.1: without Via, From, To, Call-ID and CSeq a message cannot be matched to a
   * transaction nor answered. The draft-pis-00 short form carries none of them but TID.
   */
  private static boolean hasMandatoryHeaders(SipMessage m) {
    if (m.isShortForm()) {
      return true;
    }
    return m.topVia().isPresent() && m.callId().isPresent() && m.cseq().isPresent() && m.from().isPresent()
        && m.to().isPresent();
  }

  /** One datagram (RFC 3261 §18.3: one message, the body to Content-Length or to the end). */
  void onDatagram(byte[] b, int off, int len, Flow flow, long receivedNanos) {
    counters.datagramsIn.increment();
    counters.in(Transport.UDP, len);
    if (onlyLineEnds(b, off, len)) {
      counters.keepAlivePings.increment();
      return;
    }
    if (len > codecConfig.maxMessageBytes()) {
      answerMalformedDatagram(new SipParseException(codecConfig.maxMessageBytes(), 413, "message too large"),
          b, off, Math.min(len, codecConfig.maxHeaderBytes()), flow);
      return;
    }
    SipMessage m;
    try {
      m = parser.parseDatagram(b, off, len);
    } catch (SipParseException e) {
      answerMalformedDatagram(e, b, off, len, flow);
      return;
    }
    deliver(m, flow, receivedNanos);
  }

  private void answerMalformedDatagram(SipParseException e, byte[] b, int off, int len, Flow flow) {
    Optional<SipResponse> answer = StatelessAnswers.answer(b, off, Math.min(len, codecConfig.maxHeaderBytes()), e,
        flow.remote());
    if (answer.isEmpty()) {
      counters.malformedDropped.increment();
      return;
    }
    counters.malformedAnswered.increment();
    SipResponse r = answer.get();
    sendDatagram(r.encode(), flow.local(), ViaRouting.unreliableResponseDestination(r, flow));
  }

  /** The answer to a malformed message read on a connection, if one can be salvaged. */
  Optional<SipResponse> malformedAnswer(byte[] b, int off, int len, SipParseException e, Flow flow) {
    Optional<SipResponse> answer = StatelessAnswers.answer(b, off, Math.min(len, codecConfig.maxHeaderBytes()), e,
        flow.remote());
    if (answer.isPresent()) {
      counters.malformedAnswered.increment();
    } else {
      counters.malformedDropped.increment();
    }
    return answer;
  }

  static boolean onlyLineEnds(byte[] b, int off, int len) {
    for (int i = off; i < off + len; i++) {
      if (b[i] != '\r' && b[i] != '\n') {
        return false;
      }
    }
    return true;
  }

  // ---- outbound ----

  /**
   * Sends on a flow. A response over UDP goes where its top Via says (received/rport, RFC
   * 3261 §18.2.2, RFC 3581 §4); over a stream, on the flow's connection, or if that is gone
   * (TCP, TLS) on a connection to the Via's received address and sent-by port. A request goes
   * to the flow's remote address, on its connection for streams.
   */
  @Override
  public CompletionStage<Void> send(SipMessage message, Flow flow) {
    return counted(sendOnFlow(message, flow));
  }

  private CompletionStage<Void> sendOnFlow(SipMessage message, Flow flow) {
    Objects.requireNonNull(flow, "flow");
    if (state.get() != STARTED) {
      return failed(new TransportException("transport layer not running"));
    }
    byte[] bytes = message.encode();
    if (flow.transport() == Transport.UDP) {
      InetSocketAddress destination = message instanceof SipResponse r
          ? ViaRouting.unreliableResponseDestination(r, flow)
          : flow.remote();
      return sendDatagram(bytes, flow.local(), destination).thenApply(f -> null);
    }
    Connection c = connectionsById.get(flow.connectionId());
    if (c != null && c.channel().isActive()) {
      return write(c, bytes);
    }
    if (message instanceof SipResponse r && (flow.transport() == Transport.TCP || flow.transport() == Transport.TLS)) {
      InetSocketAddress destination = ViaRouting.reliableResponseDestination(r, flow);
      return connection(flow.transport(), destination).thenCompose(conn -> write(conn, bytes));
    }
    return failed(new TransportException("connection " + flow.connectionId() + " is closed"));
  }

  /**
   * Sends to {@code destination}: over UDP from the listening socket (so that replies come to
   * the port in Via), over a stream transport on an open connection to it, or on a new one.
   */
  @Override
  public CompletionStage<Flow> send(SipMessage message, Transport transport, InetSocketAddress destination) {
    return counted(sendTo(message, transport, destination));
  }

  private CompletionStage<Flow> sendTo(SipMessage message, Transport transport, InetSocketAddress destination) {
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(destination, "destination");
    if (state.get() != STARTED) {
      return failed(new TransportException("transport layer not running"));
    }
    byte[] bytes = message.encode();
    if (transport == Transport.UDP) {
      return sendDatagram(bytes, null, destination);
    }
    return connection(transport, destination).thenCompose(c -> write(c, bytes).thenApply(v -> c.flow()));
  }

  private CompletableFuture<Flow> sendDatagram(byte[] bytes, InetSocketAddress local, InetSocketAddress destination) {
    UdpSocket socket = udpSocket(local, destination);
    if (socket == null) {
      return failed(new TransportException("no UDP listen point to send from"));
    }
    if (bytes.length > MAX_DATAGRAM) {
      return failed(new TransportException("message of " + bytes.length + " bytes is too large for UDP"));
    }
    Channel ch = socket.pick(destination);
    if (!ch.isWritable()) {
      // the socket's outbound buffer is past its high-water mark: drop, as the network would
      return failed(new TransportException("UDP send buffer full, datagram dropped"));
    }
    Flow flow = new Flow(Transport.UDP, socket.address(), destination, 0);
    CompletableFuture<Flow> done = new CompletableFuture<>();
    ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), destination)).addListener(f -> {
      if (f.isSuccess()) {
        counters.out(Transport.UDP, bytes.length);
        done.complete(flow);
      } else {
        done.completeExceptionally(new TransportException("cannot send to " + destination, f.cause()));
      }
    });
    return done;
  }

  /** The UDP socket bound to {@code local}, else one of the destination's address family. */
  private UdpSocket udpSocket(InetSocketAddress local, InetSocketAddress destination) {
    if (local != null) {
      for (UdpSocket s : udpSockets) {
        if (s.address().equals(local)) {
          return s;
        }
      }
    }
    boolean v6 = destination.getAddress() instanceof Inet6Address;
    UdpSocket fallback = null;
    for (UdpSocket s : udpSockets) {
      boolean sv6 = s.address().getAddress() instanceof Inet6Address;
      if (sv6 == v6) {
        return s;
      }
      if (fallback == null) {
        fallback = s;
      }
    }
    return fallback;
  }

  /** An open connection to the peer, or a new one; concurrent callers share one attempt. */
  private CompletableFuture<Connection> connection(Transport transport, InetSocketAddress peer) {
    PeerKey key = new PeerKey(transport, peer);
    Connection open = connectionsByPeer.get(key);
    if (open != null && open.channel().isActive()) {
      return CompletableFuture.completedFuture(open);
    }
    if ((transport == Transport.TLS || transport == Transport.WSS) && tls.isEmpty()) {
      return failed(new TransportException("no TLS configuration for an outbound " + transport + " connection"));
    }
    if (transport == Transport.WS || transport == Transport.WSS || transport == Transport.TCP
        || transport == Transport.TLS) {
      CompletableFuture<Connection> fresh = new CompletableFuture<>();
      CompletableFuture<Connection> pending = connecting.putIfAbsent(key, fresh);
      if (pending != null) {
        return pending;
      }
      fresh.whenComplete((c, e) -> connecting.remove(key, fresh));
      if (state.get() != STARTED) {
        fresh.completeExceptionally(new TransportException("transport layer closed"));
      } else {
        openConnection(transport, peer, fresh);
      }
      return fresh;
    }
    return failed(new TransportException("not a stream transport: " + transport));
  }

  /**
   * Writes on a connection. A peer that stopped reading is cut off: past the high-water mark
   * the connection is closed and the send fails, instead of buffering without bound.
   */
  private CompletableFuture<Void> write(Connection c, byte[] bytes) {
    Channel ch = c.channel();
    if (!ch.isActive()) {
      return failed(new TransportException("connection " + c.id() + " is closed"));
    }
    if (!ch.isWritable()) {
      counters.connectionsOverloadClosed.increment();
      ch.close();
      return failed(new TransportException("connection " + c.id() + " closed: its peer does not read"));
    }
    Object out = c.transport() == Transport.WS || c.transport() == Transport.WSS
        ? webSocketFrame(bytes)
        : Unpooled.wrappedBuffer(bytes);
    CompletableFuture<Void> done = new CompletableFuture<>();
    ch.writeAndFlush(out).addListener(f -> {
      if (f.isSuccess()) {
        counters.out(c.transport(), bytes.length);
        done.complete(null);
      } else {
        done.completeExceptionally(new TransportException("cannot write on connection " + c.id(), f.cause()));
      }
    });
    return done;
  }

  /** RFC 7118 §5.1: a text frame if the message is valid UTF-8, else a binary frame. */
  static Object webSocketFrame(byte[] bytes) {
    boolean ascii = true;
    for (int i = 0; i < bytes.length && ascii; i++) {
      ascii = bytes[i] >= 0;
    }
    if (ascii) {
      return new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes));
    }
    try {
      StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes));
      return new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes));
    } catch (CharacterCodingException e) {
      return new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes));
    }
  }

  private static <T> CompletableFuture<T> failed(TransportException e) {
    return CompletableFuture.failedFuture(e);
  }

  /** Counts the stage's failure, whatever step failed. */
  private <T> CompletionStage<T> counted(CompletionStage<T> stage) {
    return stage.whenComplete((v, e) -> {
      if (e != null) {
        counters.sendFailures.increment();
      }
    });
  }

  /** A UDP listen point: one socket, or several on the same port with SO_REUSEPORT. */
  private record UdpSocket(InetSocketAddress address, Channel[] channels) {
    Channel pick(InetSocketAddress destination) {
      return channels.length == 1 ? channels[0] : channels[(destination.hashCode() & 0x7fffffff) % channels.length];
    }
  }

  /** A peer of a stream transport, for reusing connections. */
  private record PeerKey(Transport transport, InetSocketAddress peer) {}

  // ---- builder ----

  /** Configures a {@link SipTransportLayer}; every setting has a default except the handler. */
  public static final class Builder {
    private final List<ListenPoint> listenPoints = new ArrayList<>();
    private InboundHandler handler;
    private CodecConfig codecConfig = CodecConfig.DEFAULT;
    private int maxConnections = 4096;
    private Duration idleTimeout = Duration.ofMinutes(5);
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration handshakeTimeout = Duration.ofSeconds(5);
    private Duration messageTimeout = Duration.ofSeconds(30);
    private int writeBufferHighWaterMark = 512 * 1024;
    private int udpReceiveBufferBytes = 2 * 1024 * 1024;
    private TlsConfig tls;
    private String webSocketPath = "/";
    private int ioThreads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private boolean nativeTransport = true;
    private LongSupplier clock = System::nanoTime;

    private Builder() {}

    /** Listens on {@code address} with {@code transport}; port 0 lets the system choose. */
    public Builder listen(Transport transport, InetSocketAddress address) {
      listenPoints.add(ListenPoint.of(transport, address));
      return this;
    }

    public Builder listen(ListenPoint listenPoint) {
      listenPoints.add(Objects.requireNonNull(listenPoint));
      return this;
    }

    /** Receives every well-formed message, on an I/O thread; it must not block. Required. */
    public Builder handler(InboundHandler handler) {
      this.handler = Objects.requireNonNull(handler);
      return this;
    }

    /** Size limits and leniencies of the parser; default {@link CodecConfig#DEFAULT}. */
    public Builder codecConfig(CodecConfig config) {
      this.codecConfig = Objects.requireNonNull(config);
      return this;
    }

    /**
     * Stream connections open at once, both directions; default 4096. Each may buffer up to
     * {@code maxMessageBytes} of an unfinished message, so this bounds that memory too.
     */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1");
      }
      this.maxConnections = max;
      return this;
    }

    /** A connection with no traffic either way for this long is closed; default 5 minutes. */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive(timeout, "idleTimeout");
      return this;
    }

    /** How long an outbound TCP connect may take; default 5 s. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /** How long a TLS or WebSocket handshake may take; default 5 s. */
    public Builder handshakeTimeout(Duration timeout) {
      this.handshakeTimeout = positive(timeout, "handshakeTimeout");
      return this;
    }

    /**
     * How long a message that has started to arrive on a TCP or TLS connection may take to
     * be complete; a connection that trickles bytes slower is closed. Default 30 s.
     */
    public Builder messageTimeout(Duration timeout) {
      this.messageTimeout = positive(timeout, "messageTimeout");
      return this;
    }

    /** Bytes waiting to be written on one connection before it is closed; default 512 KiB. */
    public Builder writeBufferHighWaterMark(int bytes) {
      if (bytes < 4096) {
        throw new IllegalArgumentException("writeBufferHighWaterMark must be at least 4096");
      }
      this.writeBufferHighWaterMark = bytes;
      return this;
    }

    /** SO_RCVBUF of UDP sockets (the kernel may cap it); default 2 MiB. */
    public Builder udpReceiveBufferBytes(int bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("udpReceiveBufferBytes must be positive");
      }
      this.udpReceiveBufferBytes = bytes;
      return this;
    }

    /** Certificates for TLS and WSS listen points and outbound connections. */
    public Builder tls(TlsConfig tls) {
      this.tls = Objects.requireNonNull(tls);
      return this;
    }

    /** The HTTP path of WebSocket listen points (any path under it is accepted) and of outbound ones; default "/". */
    public Builder webSocketPath(String path) {
      if (!path.startsWith("/")) {
        throw new IllegalArgumentException("the WebSocket path must start with /");
      }
      this.webSocketPath = path;
      return this;
    }

    /** Number of I/O threads; default the number of processors. */
    public Builder ioThreads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("ioThreads must be at least 1");
      }
      this.ioThreads = threads;
      return this;
    }

    /** Use Linux epoll when available (default true); Java NIO otherwise. */
    public Builder nativeTransport(boolean useNative) {
      this.nativeTransport = useNative;
      return this;
    }

    /** The monotonic clock, in nanoseconds, that stamps {@link InboundMessage#receivedNanos()}. */
    public Builder clock(LongSupplier nanoClock) {
      this.clock = Objects.requireNonNull(nanoClock);
      return this;
    }

    /** The layer, not yet started. */
    public SipTransportLayer build() {
      return new SipTransportLayer(this);
    }

    private static Duration positive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive");
      }
      return d;
    }
  }
}
