package io.miville.pis.server;

import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.SipHeaders;
import io.miville.pis.controller.OnLane;
import io.miville.pis.controller.PisController;
import io.miville.pis.controller.PisMethods;
import io.miville.pis.controller.Responder;
import io.miville.transaction.RequestHandler;
import io.miville.transaction.ServerTransaction;
import io.miville.transaction.time.Lane;
import io.miville.transport.Flow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The SIP front end of a {@link PisController}: a {@link RequestHandler} for the transaction
 * layer (RFC 3261 §17.2). Each request is handed to the controller's lane; the controller answers
 * through a {@link Responder} that sends on the server transaction's lane. ACKs for 2xx
 * (§13.3.1.4) go to {@link PisController#handleAck}; SUBSCRIBE (RFC 6665) to the
 * {@link SubscriptionHandler} if there is one, else {@code 489 Bad Event}; OPTIONS is answered
 * here with {@code 200} and an Allow listing every PIS method (§11.2); methods neither SIP nor
 * PIS know get {@code 501 Not Implemented} (§21.5.2).
 */
public final class PisServer implements RequestHandler {
  private static final Set<SipMethod> CONTROLLER_METHODS = Set.copyOf(
      PisMethods.all().stream().filter(m -> !m.equals(SipMethod.OPTIONS) && !m.equals(SipMethod.SUBSCRIBE)
          && !m.equals(SipMethod.ACK) && !m.equals(SipMethod.CANCEL)).toList());

  private final PisController controller;
  private final Lane lane;
  private final Optional<SubscriptionHandler> subscriptions;

  private PisServer(PisController controller, Lane lane, Optional<SubscriptionHandler> subscriptions) {
    this.controller = Objects.requireNonNull(controller, "controller");
    this.lane = Objects.requireNonNull(lane, "lane");
    this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
  }

  /**
   * A front end for a controller made by {@code Controllers} (which knows its lane), serving
   * SUBSCRIBE with {@code subscriptions} if present.
   *
   * @throws IllegalArgumentException if the controller does not say which lane it is on ({@link OnLane})
   */
  public static PisServer create(PisController controller, Optional<SubscriptionHandler> subscriptions) {
    if (!(controller instanceof OnLane onLane)) {
      throw new IllegalArgumentException("the controller does not name its lane; use create(controller, lane, ...)");
    }
    return new PisServer(controller, onLane.lane(), subscriptions);
  }

  /**
   * A front end for {@code controller}, whose lane is {@code controllerLane} (the lane it was
   * created with), serving SUBSCRIBE with {@code subscriptions} if present.
   */
  public static PisServer create(PisController controller, Lane controllerLane,
      Optional<SubscriptionHandler> subscriptions) {
    return new PisServer(controller, controllerLane, subscriptions);
  }

  @Override
  public void onRequest(ServerTransaction tx) {
    SipRequest r = tx.request();
    SipMethod m = r.method();
    if (m.equals(SipMethod.OPTIONS)) {
      SipResponse.Builder b = tx.responseBuilder(200);
      b.headers(SipHeaders.ALLOW, PisMethods.all());
      b.header(SipHeaders.SUPPORTED.name(), PisMethods.LOOK_AT_THE_WALL_TAG);
      tx.respond(b.build());
    } else if (m.equals(SipMethod.SUBSCRIBE)) {
      if (subscriptions.isPresent()) {
        subscriptions.get().onSubscribe(tx);
      } else {
        tx.respond(489);
      }
    } else if (CONTROLLER_METHODS.contains(m)) {
      Responder responder = new TransactionResponder(tx);
      lane.execute(() -> controller.handle(r, responder));
    } else {
      SipResponse.Builder b = tx.responseBuilder(501);
      b.headers(SipHeaders.ALLOW, PisMethods.all());
      tx.respond(b.build());
    }
  }

  @Override
  public void onAck(SipRequest ack, Flow flow) {
    lane.execute(() -> controller.handleAck(ack));
  }

  /** An INVITE whose 2xx was never acknowledged: the controller frees the place it took. */
  @Override
  public void onTimeout(ServerTransaction tx) {
    SipRequest r = tx.request();
    if (r.method().equals(SipMethod.INVITE) && tx.lastResponse().map(SipResponse::isSuccess).orElse(false)) {
      String callId = r.callId().orElse("");
      lane.execute(() -> controller.sessionUnconfirmed(callId));
    }
  }

  /** The methods this front end answers, for Allow. */
  public static List<SipMethod> allowed() {
    return PisMethods.all();
  }

  /** Answers through a server transaction; any thread may call it. */
  private static final class TransactionResponder implements Responder {
    private final ServerTransaction tx;

    TransactionResponder(ServerTransaction tx) {
      this.tx = tx;
    }

    @Override
    public SipResponse.Builder response(int status) {
      return tx.responseBuilder(status);
    }

    @Override
    public void send(SipResponse response) {
      tx.execute(() -> tx.respond(response));
    }
  }
}
