package io.miville.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;

/** Reads UDP datagrams: each is one message (RFC 3261 §18.3). */
@ChannelHandler.Sharable
final class DatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
  private final SipTransportLayer layer;

  DatagramHandler(SipTransportLayer layer) {
    this.layer = layer;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
    long now = layer.now();
    Scratch.Slice bytes = Scratch.readable(packet.content());
    Flow flow = new Flow(Transport.UDP, (InetSocketAddress) ctx.channel().localAddress(), packet.sender(), 0);
    layer.onDatagram(bytes.array(), bytes.offset(), bytes.length(), flow, now);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // ICMP port unreachable and the like surface here on some systems: not fatal for a UDP socket
  }
}
