package io.miville.transport;

import io.miville.codec.SipMessage;
import io.miville.codec.SipParseException;
import io.miville.codec.SipResponse;
import io.miville.codec.SipStreamDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One TCP or TLS connection (RFC 3261 §18.3): frames the byte stream with a
 * {@link SipStreamDecoder}, answers keep-alive pings (RFC 5626 §3.5.1), and on malformed input
 * answers if it can and closes, since nothing after a framing error can be trusted.
 */
final class StreamHandler extends ChannelInboundHandlerAdapter implements SipStreamDecoder.Listener {
  private static final ByteBuf PONG =
      Unpooled.unreleasableBuffer(Unpooled.directBuffer(2).writeByte('\r').writeByte('\n')).asReadOnly();

  private final SipTransportLayer layer;
  private final Transport transport;
  /** For outbound connections: completed once the connection can carry SIP. */
  private final CompletableFuture<Connection> ready;
  private final Optional<InetSocketAddress> requestedPeer;
  private final SipStreamDecoder decoder;

  private ChannelHandlerContext ctx;
  private Connection connection;
  private long now;
  private boolean closing;
  private Throwable failure;
  /** Messages read so far, to tell whether the unfinished one is still the same. */
  private long messagesRead;
  private long deadlineFor = -1;
  private ScheduledFuture<?> deadline;

  /**
   * @param ready for an outbound connection, completed when it can carry SIP; null for inbound
   * @param requestedPeer for an outbound connection, the destination as the caller named it
   */
  StreamHandler(SipTransportLayer layer, Transport transport, CompletableFuture<Connection> ready,
      Optional<InetSocketAddress> requestedPeer) {
    this.layer = layer;
    this.transport = transport;
    this.ready = ready;
    this.requestedPeer = requestedPeer;
    this.decoder = SipStreamDecoder.create(layer.codecConfig());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    connection = layer.connectionActive(transport, ctx.channel(), ready != null, requestedPeer);
    if (transport == Transport.TCP) {
      becomeReady();
    }
    ctx.fireChannelActive();
  }

  private void becomeReady() {
    layer.connectionReady(connection);
    if (ready != null) {
      ready.complete(connection);
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent hs) {
      if (hs.isSuccess()) {
        becomeReady();
      } else {
        layer.counters.tlsHandshakeFailures.increment();
        fail(hs.cause());
        ctx.close();
      }
    } else if (evt instanceof IdleStateEvent) {
      layer.counters.connectionsIdleClosed.increment();
      ctx.close();
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      if (closing) {
        return;
      }
      now = layer.now();
      layer.counters.in(transport, buf.readableBytes());
      if (buf.hasArray()) {
        decoder.feed(buf.array(), buf.arrayOffset() + buf.readerIndex(), buf.readableBytes(), this);
      } else {
        byte[] scratch = Scratch.array(Scratch.SIZE);
        while (buf.isReadable() && !closing) {
          int n = Math.min(buf.readableBytes(), scratch.length);
          buf.readBytes(scratch, 0, n);
          decoder.feed(scratch, 0, n, this);
        }
      }
      if (!closing) {
        armDeadline();
      }
    } catch (SipParseException e) {
      malformed(e);
    } finally {
      ReferenceCountUtil.release(buf);
    }
  }

  /**
   * A message that has started must be complete within the message timeout: a peer trickling
   * bytes would otherwise hold a buffer of up to maxMessageBytes for as long as it likes, as the
   * idle timeout only sees that bytes keep coming.
   */
  private void armDeadline() {
    if (decoder.buffered() == 0) {
      cancelDeadline();
      return;
    }
    if (deadline != null && deadlineFor == messagesRead) {
      return; // still the same unfinished message
    }
    cancelDeadline();
    deadlineFor = messagesRead;
    long forMessage = messagesRead;
    deadline = ctx.executor().schedule(() -> {
      if (!closing && messagesRead == forMessage && decoder.buffered() > 0) {
        closing = true;
        layer.counters.connectionsStalledClosed.increment();
        ctx.close();
      }
    }, layer.messageTimeout().toNanos(), TimeUnit.NANOSECONDS);
  }

  private void cancelDeadline() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }

  @Override
  public void onMessage(SipMessage message) {
    messagesRead++;
    layer.deliver(message, connection.flow(), now);
  }

  @Override
  public void onPing() {
    if (!ctx.channel().isWritable()) {
      // pinging without reading the pongs: the same rule as for messages, no unbounded buffer
      closing = true;
      layer.counters.connectionsOverloadClosed.increment();
      ctx.close();
      return;
    }
    layer.counters.keepAlivePings.increment();
    layer.counters.bytesOut(transport, 2);
    ctx.writeAndFlush(PONG.duplicate());
  }

  /** Answers the bad message if its headers can be salvaged, then closes the connection. */
  private void malformed(SipParseException e) {
    closing = true;
    layer.counters.connectionsMalformedClosed.increment();
    byte[] rejected = decoder.rejectedBytes();
    Optional<SipResponse> answer = layer.malformedAnswer(rejected, 0, rejected.length, e, connection.flow());
    if (answer.isPresent()) {
      byte[] bytes = answer.get().encode();
      layer.counters.out(transport, bytes.length);
      ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    cancelDeadline();
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
    // resets, TLS alerts, handshake timeouts: the connection is done either way
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
