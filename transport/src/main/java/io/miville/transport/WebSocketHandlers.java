package io.miville.transport;

import io.miville.codec.SipMessage;
import io.miville.codec.SipParseException;
import io.miville.codec.SipResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The SIP side of WebSocket connections (RFC 7118). */
final class WebSocketHandlers {
  private WebSocketHandlers() {}

  /** The WebSocket subprotocol of SIP (RFC 7118 §4.1). */
  static final String SUBPROTOCOL = "sip";

  /**
   * Lets through only an HTTP upgrade to WebSocket that offers the {@code sip} subprotocol on
   * the configured path (RFC 7118 §4.1, RFC 6455 §4.2.2); anything else gets HTTP 400 and the
   * connection is closed. Removes itself once a good upgrade request went by.
   */
  static final class UpgradeGuard extends ChannelInboundHandlerAdapter {
    private final SipTransportLayer layer;
    private final String path;

    UpgradeGuard(SipTransportLayer layer, String path) {
      this.layer = layer;
      this.path = path;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof FullHttpRequest req)) {
        ctx.fireChannelRead(msg);
        return;
      }
      String refusal = refusal(req);
      if (refusal == null) {
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(msg);
        return;
      }
      req.release();
      layer.counters.webSocketUpgradesRefused.increment();
      FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
          Unpooled.copiedBuffer(refusal + "\n", StandardCharsets.US_ASCII));
      resp.headers()
          .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
          .setInt(HttpHeaderNames.CONTENT_LENGTH, resp.content().readableBytes())
          .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
    }

    /** Why the request is refused (a fixed text), or null if it is a good upgrade. */
    private String refusal(FullHttpRequest req) {
      if (!req.decoderResult().isSuccess()) {
        return "bad HTTP request";
      }
      if (!req.method().equals(HttpMethod.GET)
          || !req.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
        return "this is a SIP WebSocket endpoint (RFC 7118): send a WebSocket upgrade";
      }
      String p = new QueryStringDecoder(req.uri()).path();
      if (!path.equals("/") && !(p.equals(path) || p.startsWith(path.endsWith("/") ? path : path + "/"))) {
        return "no SIP WebSocket endpoint on this path";
      }
      for (String line : req.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL)) {
        for (String offered : line.split(",")) {
          if (offered.trim().equalsIgnoreCase(SUBPROTOCOL)) {
            return null;
          }
        }
      }
      return "the WebSocket subprotocol must be sip (RFC 7118)";
    }
  }

  /**
   * SIP over WebSocket in either direction: each text or binary message (continuations already
   * joined) is one SIP message, framed as a datagram is (RFC 7118 §5.1: Content-Length is
   * optional). A malformed message is answered if it can be and dropped; the connection stays
   * open because the WebSocket framing is intact. Frames over the size limit close it.
   */
  static final class MessageHandler extends ChannelInboundHandlerAdapter {
    private final SipTransportLayer layer;
    private final Transport transport;
    private final CompletableFuture<Connection> ready;
    private final Optional<InetSocketAddress> requestedPeer;
    private Connection connection;
    private Throwable failure;

    MessageHandler(SipTransportLayer layer, Transport transport, CompletableFuture<Connection> ready,
        Optional<InetSocketAddress> requestedPeer) {
      this.layer = layer;
      this.transport = transport;
      this.ready = ready;
      this.requestedPeer = requestedPeer;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      connection = layer.connectionActive(transport, ctx.channel(), ready != null, requestedPeer);
      ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete
          || evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        layer.connectionReady(connection);
        if (ready != null) {
          ready.complete(connection);
        }
      } else if (evt == WebSocketServerProtocolHandler.ServerHandshakeStateEvent.HANDSHAKE_TIMEOUT
          || evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        fail(new TransportException("WebSocket handshake timed out"));
        ctx.close();
      } else if (evt instanceof IdleStateEvent) {
        layer.counters.connectionsIdleClosed.increment();
        ctx.close();
      } else if (evt instanceof SslHandshakeCompletionEvent hs && !hs.isSuccess()) {
        layer.counters.tlsHandshakeFailures.increment(); // WSS; the TLS handler closes the connection
        fail(hs.cause());
      }
      ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
          long now = layer.now();
          ByteBuf content = ((io.netty.handler.codec.http.websocketx.WebSocketFrame) msg).content();
          layer.counters.in(transport, content.readableBytes());
          Scratch.Slice bytes = Scratch.readable(content);
          message(ctx, bytes.array(), bytes.offset(), bytes.length(), now);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void message(ChannelHandlerContext ctx, byte[] b, int off, int len, long now) {
      if (SipTransportLayer.onlyLineEnds(b, off, len)) {
        layer.counters.keepAlivePings.increment(); // a CRLF keep-alive some clients send in a frame
        return;
      }
      SipMessage m;
      try {
        m = layer.parser().parseDatagram(b, off, len);
      } catch (SipParseException e) {
        Optional<SipResponse> answer = layer.malformedAnswer(b, off, len, e, connection.flow());
        if (answer.isPresent()) {
          byte[] out = answer.get().encode();
          layer.counters.out(transport, out.length);
          ctx.writeAndFlush(SipTransportLayer.webSocketFrame(out));
        }
        return;
      }
      layer.deliver(m, connection.flow(), now);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (connection != null) {
        layer.connectionClosed(connection);
      }
      // failed only now, after the connection slot was released (close future listeners run first)
      if (ready != null && !ready.isDone()) {
        Throwable cause = failure != null ? failure : new TransportException("connection closed");
        ready.completeExceptionally(cause instanceof TransportException t ? t
            : new TransportException("connection failed: " + cause.getMessage(), cause));
      }
      ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      if (cause instanceof CorruptedWebSocketFrameException || cause instanceof TooLongFrameException) {
        // a frame over the size limit, or broken framing: nothing more can be read
        layer.counters.malformedDropped.increment();
        layer.counters.connectionsMalformedClosed.increment();
      }
      fail(cause);
      ctx.close();
    }

    /** Remembers why the connection is failing; the send learns it when the connection is closed. */
    private void fail(Throwable cause) {
      if (failure == null) {
        failure = cause;
      }
    }
  }
}
