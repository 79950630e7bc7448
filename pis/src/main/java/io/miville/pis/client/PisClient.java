package io.miville.pis.client;

import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.SipVersion;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.node.SipNode;
import io.miville.node.uac.Destinations;
import io.miville.transaction.ClientTransaction;
import io.miville.transaction.Requests;
import io.miville.transaction.ResponseListener;
import io.miville.transport.Transport;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A small PIS user agent (draft-pis-00 §2) over a {@link SipNode}: it sends SEEK, AIM, FLUSH,
 * WASH, FRESHEN, COMET, INVITE/BYE, SUBSCRIBE, PUBLISH or any other method to one resource
 * controller, collects every provisional response and the final one, and returns the
 * {@link Exchange}.
 *
 * <p>Every request goes to the controller's address (the way an outbound proxy is used, RFC 3261
 * §8.1.2), whatever host its Request-URI names: the draft's domains ({@code latrine1.loo.com})
 * are names the controller serves, not hosts to resolve.
 *
 * <pre>{@code
 * PisClient client = PisClient.create(node, Uri.parse("sip:127.0.0.1:5070"));
 * PisClient.Agent ua = client.agent("anonymous", "latrine1.loo.com");
 * Exchange seek = ua.send(ua.request(SipMethod.SEEK, Uri.parse("sip:resourcecontroller@latrine1.loo.com"))
 *     .header(PisHeaders.REQUIRES, List.of(ProxyAttribute.of("Clean-proxy")))).toCompletableFuture().join();
 * }</pre>
 */
public final class PisClient {
  private final SipNode node;
  private final Destinations controller;

  private PisClient(SipNode node, Destinations controller) {
    this.node = Objects.requireNonNull(node, "node");
    this.controller = Objects.requireNonNull(controller, "controller");
    if (node.address(controller.transport()).isEmpty()) {
      throw new IllegalArgumentException("the node does not listen on " + controller.transport());
    }
  }

  /** A client of the controller at {@code controller} ({@code sip:127.0.0.1:5070;transport=tcp}). */
  public static PisClient create(SipNode node, Uri controller) {
    return new PisClient(node, Destinations.of(controller));
  }

  /** A client of the controller at {@code controller}. */
  public static PisClient create(SipNode node, Destinations controller) {
    return new PisClient(node, controller);
  }

  /** Where requests go. */
  public Destinations controller() {
    return controller;
  }

  /**
   * A user agent {@code user@domain}: one From address with one tag and one Call-ID, so that
   * every request of one visit (SEEK, AIM, INVITE, BYE, FLUSH, WASH) comes from the same party,
   * with CSeq numbers that increase (RFC 3261 §8.1.1.5).
   */
  public Agent agent(String user, String domain) {
    return new Agent(user, domain);
  }

  /** The version a method is sent with: PIS/1.0 for the draft's methods, SIP/2.0 otherwise. */
  public static SipVersion versionFor(SipMethod method) {
    return method.isPis() ? SipVersion.PIS_1_0 : SipVersion.SIP_2_0;
  }

  /** One user agent; its methods may be called from any thread, one request at a time is usual. */
  public final class Agent {
    private final Address from;
    private final String callId;
    private final AtomicLong cseq = new AtomicLong();
    private volatile Optional<Dialog> dialog = Optional.empty();

    private Agent(String user, String domain) {
      this.from = Address.of(SipUri.create(false, user, domain, -1)).withTag(Requests.newTag());
      this.callId = UUID.randomUUID() + "@" + domain;
    }

    /** The From address, with its tag. */
    public Address from() {
      return from;
    }

    public String callId() {
      return callId;
    }

    /** The session an INVITE of this agent set up, until its BYE. */
    public Optional<Dialog> dialog() {
      return dialog;
    }

    /**
     * A request of {@code method} to {@code target} with From, To, Call-ID, the next CSeq,
     * Max-Forwards and Contact set, in PIS/1.0 for the draft's methods; add headers and
     * {@link #send} it.
     */
    public SipRequest.Builder request(SipMethod method, Uri target) {
      Transport t = controller.transport();
      SipUri contact = SipUri.create(false, from.uri() instanceof SipUri s ? s.user().orElse("pis") : "pis",
          localHost(), localPort());
      if (t != Transport.UDP) {
        contact = contact.withParam("transport", t.viaName().toLowerCase());
      }
      return SipRequest.builder(method, target)
          .version(versionFor(method))
          .header(SipHeaders.MAX_FORWARDS, 70)
          .header(SipHeaders.FROM, from)
          .header(SipHeaders.TO, Address.of(target))
          .header(SipHeaders.CALL_ID, callId)
          .header(SipHeaders.CSEQ, new CSeq(cseq.incrementAndGet(), method))
          .header(SipHeaders.CONTACT, Address.of(contact));
    }

    /** Sends a request of {@code method} to {@code target}, with {@code headers} adding what it needs. */
    public CompletionStage<Exchange> send(SipMethod method, Uri target, Consumer<SipRequest.Builder> headers) {
      SipRequest.Builder b = request(method, target);
      headers.accept(b);
      return send(b.build());
    }

    /**
     * Sends {@code request} and completes with the exchange once its final response arrives. An
     * INVITE answered 2xx is acknowledged at once and its session kept for {@link #bye()}.
     */
    public CompletionStage<Exchange> send(SipRequest request) {
      return send(request, r -> {});
    }

    /**
     * Sends {@code request} like {@link #send(SipRequest)}, telling {@code onProvisional} of each 1xx
     * as it arrives (on a transaction lane: it must not block).
     */
    public CompletionStage<Exchange> send(SipRequest request, Consumer<SipResponse> onProvisional) {
      CompletableFuture<Exchange> done = new CompletableFuture<>();
      boolean invite = request.method().equals(SipMethod.INVITE);
      long start = System.nanoTime();
      List<SipResponse> provisionals = new ArrayList<>();
      node.transactions().sendRequest(request, controller.transport(), controller.address(), new ResponseListener() {
        private SipRequest ack;

        @Override
        public void onProvisional(ClientTransaction tx, SipResponse response) {
          provisionals.add(response);
          onProvisional.accept(response);
        }

        @Override
        public void onFinal(ClientTransaction tx, SipResponse response) {
          Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
          Optional<SipRequest> sentAck = Optional.empty();
          if (invite && response.isSuccess()) {
            // the ACK for a 2xx is the TU's (RFC 3261 §13.2.2.4), sent again for each retransmitted 2xx
            ack = node.transactions().withTopVia(Requests.ackFor2xx(request, response), controller.transport());
            node.transactions().sendAck(ack, controller.transport(), controller.address());
            sentAck = Optional.of(ack);
            dialog = Optional.of(new Dialog(remoteTarget(request, response), response.to().orElseThrow()));
          }
          done.complete(new Exchange(tx.request(), provisionals, response, sentAck, elapsed));
        }

        @Override
        public void onAdditionalSuccess(ClientTransaction tx, SipResponse response) {
          if (ack != null) {
            node.transactions().sendAck(ack, controller.transport(), controller.address());
          }
        }
      });
      return done;
    }

    /**
     * Ends the session of this agent's INVITE with BYE (RFC 3261 §15.1.1): to the remote target,
     * with the To tag of the 2xx.
     *
     * @throws IllegalStateException if there is no session
     */
    public CompletionStage<Exchange> bye() {
      Dialog d = dialog.orElseThrow(() -> new IllegalStateException("no session to end"));
      SipRequest bye = request(SipMethod.BYE, d.remoteTarget()).set(SipHeaders.TO, d.remote()).build();
      dialog = Optional.empty();
      return send(bye);
    }
  }

  /**
   * A session set up by INVITE.
   *
   * @param remoteTarget where in-dialog requests go (the 2xx's Contact, else the INVITE's URI)
   * @param remote       the To address of the 2xx, with its tag
   */
  public record Dialog(Uri remoteTarget, Address remote) {}

  private static Uri remoteTarget(SipRequest invite, SipResponse ok) {
    return ok.contacts().stream().filter(a -> !a.isWildcard()).findFirst().<Uri>map(Address::uri)
        .orElse(invite.uri());
  }

  private InetSocketAddress local() {
    return node.address(controller.transport()).orElseThrow();
  }

  private String localHost() {
    InetSocketAddress a = local();
    String ip = a.getAddress().getHostAddress().replaceAll("%.*", "");
    return a.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip;
  }

  private int localPort() {
    return local().getPort();
  }
}
