package io.miville.node.uac;

import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.node.SipNode;
import io.miville.transaction.ClientTransaction;
import io.miville.transaction.Requests;
import io.miville.transaction.ResponseListener;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Requests a user agent client sends on its own: an OPTIONS ping (RFC 3261 §11) and a plain
 * call (INVITE, ACK for the 2xx, BYE after a hold time, §13–15). Used by {@code miville options}
 * and by tests and benchmarks that need the stack to place calls.
 */
public final class Uac {
  private final SipNode node;

  public Uac(SipNode node) {
    this.node = node;
  }

  /**
   * The outcome of an OPTIONS ping.
   *
   * @param response the final response (a local 408 or 503 if none came)
   * @param roundTrip from sending the request to the final response
   */
  public record Ping(SipResponse response, Duration roundTrip) {}

  /** Sends OPTIONS to {@code target}; completes with the final response and the round trip. */
  public CompletionStage<Ping> options(Uri target) {
    Destinations d = Destinations.of(target);
    SipRequest options = newRequest(SipMethod.OPTIONS, target, d.transport(), 1)
        .header(io.miville.codec.HeaderName.ACCEPT, "application/sdp").build();
    long start = System.nanoTime();
    ClientTransaction tx = node.transactions().sendRequest(options, d.transport(), d.address());
    return tx.response().thenApply(r -> new Ping(r, Duration.ofNanos(System.nanoTime() - start)));
  }

  /**
   * The outcome of a call.
   *
   * @param answer the final response to the INVITE
   * @param bye the final response to the BYE, if the call was answered
   * @param setup from sending the INVITE to its final response
   */
  public record CallResult(SipResponse answer, java.util.Optional<SipResponse> bye, Duration setup) {
    public boolean succeeded() {
      return answer.isSuccess() && bye.map(SipResponse::isSuccess).orElse(false);
    }
  }

  /**
   * Calls {@code target} with an SDP offer of one audio stream, acknowledges a 2xx, holds the
   * call for {@code hold}, then hangs up with BYE. Completes when the BYE is answered, or at once
   * with a failure answer.
   */
  public CompletionStage<CallResult> call(Uri target, Duration hold) {
    Destinations d = Destinations.of(target);
    SipRequest invite = newRequest(SipMethod.INVITE, target, d.transport(), 1)
        .body(MediaType.APPLICATION_SDP, offer(localHost(d.transport()))).build();
    CompletableFuture<CallResult> result = new CompletableFuture<>();
    long start = System.nanoTime();
    node.transactions().sendRequest(invite, d.transport(), d.address(), new ResponseListener() {
      private SipRequest ack;

      @Override
      public void onFinal(ClientTransaction tx, SipResponse response) {
        Duration setup = Duration.ofNanos(System.nanoTime() - start);
        if (!response.isSuccess()) {
          result.complete(new CallResult(response, java.util.Optional.empty(), setup));
          return;
        }
        // the ACK for a 2xx is the TU's (RFC 3261 §13.2.2.4): one ACK, sent again for each retransmitted 2xx
        ack = node.transactions().withTopVia(Requests.ackFor2xx(invite, response), d.transport());
        node.transactions().sendAck(ack, d.transport(), d.address());
        hangUpLater(invite, response, d, hold, setup, result);
      }

      @Override
      public void onAdditionalSuccess(ClientTransaction tx, SipResponse response) {
        if (ack != null) {
          node.transactions().sendAck(ack, d.transport(), d.address());
        }
      }
    });
    return result;
  }

  private void hangUpLater(SipRequest invite, SipResponse ok, Destinations d, Duration hold, Duration setup,
      CompletableFuture<CallResult> result) {
    SipRequest bye = SipRequest.builder(SipMethod.BYE, remoteTarget(invite, ok))
        .header(SipHeaders.MAX_FORWARDS, 70)
        .header(SipHeaders.FROM, invite.from().orElseThrow())
        .header(SipHeaders.TO, ok.to().orElseThrow())
        .header(SipHeaders.CALL_ID, invite.callId().orElseThrow())
        .header(SipHeaders.CSEQ, new CSeq(invite.cseq().orElseThrow().sequence() + 1, SipMethod.BYE))
        .build();
    CompletableFuture.delayedExecutor(hold.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS).execute(() ->
        node.transactions().sendRequest(bye, d.transport(), d.address()).response()
            .thenAccept(r -> result.complete(new CallResult(ok, java.util.Optional.of(r), setup))));
  }

  private static Uri remoteTarget(SipRequest invite, SipResponse ok) {
    return ok.contacts().stream().filter(a -> !a.isWildcard()).findFirst().<Uri>map(Address::uri)
        .orElse(invite.uri());
  }

  private SipRequest.Builder newRequest(SipMethod method, Uri target, Transport transport, long cseq) {
    String host = localHost(transport);
    int port = node.address(transport).map(InetSocketAddress::getPort).orElse(transport.defaultPort());
    SipUri me = SipUri.create(false, "miville", host, port);
    if (transport != Transport.UDP) {
      me = me.withParam("transport", transport.viaName().toLowerCase());
    }
    return SipRequest.builder(method, target)
        .header(SipHeaders.MAX_FORWARDS, 70)
        .header(SipHeaders.FROM, Address.of(SipUri.create(false, "miville", host, -1)).withTag(Requests.newTag()))
        .header(SipHeaders.TO, Address.of(target))
        .header(SipHeaders.CALL_ID, UUID.randomUUID() + "@" + host.replace("[", "").replace("]", ""))
        .header(SipHeaders.CSEQ, new CSeq(cseq, method))
        .header(SipHeaders.CONTACT, Address.of(me));
  }

  private String localHost(Transport transport) {
    InetSocketAddress a = node.address(transport)
        .orElseThrow(() -> new IllegalStateException("the node does not listen on " + transport));
    String ip = a.getAddress().getHostAddress().replaceAll("%.*", "");
    return a.getAddress() instanceof java.net.Inet6Address ? "[" + ip + "]" : ip;
  }

  private static String offer(String host) {
    String ip = host.replace("[", "").replace("]", "");
    String family = host.startsWith("[") ? "IP6" : "IP4";
    long id = System.currentTimeMillis() / 1000;
    return "v=0\r\no=miville " + id + " " + id + " IN " + family + " " + ip + "\r\ns=miville\r\n"
        + "c=IN " + family + " " + ip + "\r\nt=0 0\r\nm=audio 9 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=inactive\r\n";
  }

}
