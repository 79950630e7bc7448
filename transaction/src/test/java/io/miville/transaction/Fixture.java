package io.miville.transaction;

import io.miville.codec.SipMessage;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.transaction.time.ManualTime;
import io.miville.transport.Flow;
import io.miville.transport.InboundMessage;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;

/** One layer on a manual clock with one inline lane, a recording transport and a recording UAS. */
final class Fixture {
  static final InetSocketAddress REMOTE = new InetSocketAddress("198.51.100.7", 5060);
  static final SipParser PARSER = SipParser.create();

  final ManualTime time = ManualTime.create();
  final RecordingSender sender = new RecordingSender();
  final RecordingHandler handler = new RecordingHandler();
  final TransactionLayer layer;

  Fixture() {
    this(b -> {});
  }

  Fixture(Consumer<TransactionLayer.Builder> config) {
    sender.clock = time::nanos;
    TransactionLayer.Builder b = TransactionLayer.builder(sender)
        .runtime(time)
        .lanes(1)
        .offloadExecutor(Runnable::run)
        .localAddress(Transport.UDP, "192.0.2.1", 5060)
        .localAddress(Transport.TCP, "192.0.2.1", 5060)
        .requestHandler(handler);
    config.accept(b);
    layer = b.build();
  }

  static Flow flow(Transport transport) {
    return new Flow(transport, RecordingSender.LOCAL, REMOTE, transport.isReliable() ? 42 : 0);
  }

  void receive(SipMessage message) {
    receive(message, Transport.UDP);
  }

  void receive(SipMessage message, Transport transport) {
    layer.onMessage(new InboundMessage(message, flow(transport), time.nanos()));
  }

  void advance(Duration d) {
    time.advance(d);
  }

  void advanceMillis(long ms) {
    time.advance(Duration.ofMillis(ms));
  }

  /** A request from the remote UAC, as text parsed the way the transport would. */
  static SipRequest request(String method, String branch, String callId, long cseq, String toTag) {
    return request(method, branch, "198.51.100.7:5060", callId, cseq, "a1", toTag);
  }

  static SipRequest request(String method, String branch, String sentBy, String callId, long cseq,
      String fromTag, String toTag) {
    String text = method + " sip:bob@example.com SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP " + sentBy + ";branch=" + branch + "\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@example.com>;tag=" + fromTag + "\r\n"
        + "To: <sip:bob@example.com>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: " + cseq + " " + method + "\r\n"
        + "Content-Length: 0\r\n\r\n";
    return (SipRequest) PARSER.parse(text);
  }

  static SipRequest invite(String branch, String callId) {
    return request("INVITE", branch, callId, 1, null);
  }

  /** An outgoing request for the layer to send (no Via: the layer adds it). */
  static SipRequest outgoing(String method, String callId) {
    String text = method + " sip:bob@example.com SIP/2.0\r\n"
        + "Max-Forwards: 70\r\n"
        + "From: <sip:alice@example.com>;tag=c1\r\n"
        + "To: <sip:bob@example.com>\r\n"
        + "Call-ID: " + callId + "\r\n"
        + "CSeq: 1 " + method + "\r\n"
        + "Content-Length: 0\r\n\r\n";
    return (SipRequest) PARSER.parse(text);
  }

  /** A response from the remote UAS to {@code request}, with a To tag unless 100. */
  static SipResponse response(SipRequest request, int status) {
    SipResponse.Builder b = SipResponse.forRequest(request, status);
    if (status > 100) {
      b.set(io.miville.codec.header.SipHeaders.TO, request.to().orElseThrow().withTag("b2"));
    }
    // as if from the wire: encode and parse again
    return (SipResponse) PARSER.parse(b.build().encode());
  }
}
