package io.miville.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.RetryAfter;
import io.miville.codec.header.SipHeaders;
import io.miville.transaction.time.ManualTime.ManualLane;
import io.miville.transport.Transport;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Overload control: 503 for new requests past the high-water mark, drops past the hard bound. */
class OverloadTest {
  private final Fixture f = new Fixture(b -> b.queueCapacity(10).highWaterMark(5).retryAfter(Duration.ofSeconds(7)));
  private final ManualLane lane = f.time.lanes().get(0);

  private static SipRequest options(int i) {
    return Fixture.request("OPTIONS", "z9hG4bKnew" + i, "call-new-" + i, 1, null);
  }

  @Test
  void newRequestsGet503PastTheMarkWhileTransactionsInProgressComplete() {
    // in progress before the storm: an INVITE the TU has not answered, and a client transaction
    SipRequest invite = Fixture.invite("z9hG4bKold", "call-old");
    f.receive(invite);
    ServerTransaction inProgress = f.handler.last();
    RecordingListener client = new RecordingListener();
    ClientTransaction outgoing = f.layer.sendRequest(Fixture.outgoing("MESSAGE", "call-out"), Transport.UDP,
        Fixture.REMOTE, client);
    SipRequest outgoingSent = f.sender.requests().get(0);
    f.sender.clear();

    lane.pause(); // the lane falls behind: everything queues
    for (int i = 0; i < 5; i++) {
      f.receive(options(i));
    }
    assertThat(lane.depth()).isEqualTo(5);
    assertThat(f.sender.sent).isEmpty();

    f.receive(options(5)); // past the mark: answered at once, on the I/O thread
    assertThat(lane.depth()).isEqualTo(5);
    SipResponse busy = f.sender.responses().get(0);
    assertThat(busy.status()).isEqualTo(503);
    assertThat(busy.header(SipHeaders.RETRY_AFTER)).contains(RetryAfter.of(7));
    assertThat(busy.callId()).contains("call-new-5");
    assertThat(busy.toTag()).hasValueSatisfying(tag -> assertThat(tag).startsWith(TransactionLayer.OVERLOAD_TAG_PREFIX));

    // messages of transactions in progress still go in
    f.receive(invite); // retransmission
    f.receive(options(2)); // retransmission of a request still queued
    f.receive(Fixture.request("CANCEL", "z9hG4bKold", "call-old", 1, null));
    f.receive(Fixture.response(outgoingSent, 200));
    f.receive(Fixture.request("ACK", "z9hG4bKother", "call-old", 9, "t"));
    assertThat(lane.depth()).isEqualTo(10);
    assertThat(f.sender.statuses()).containsExactly(503);

    // past the hard bound even those are dropped, and counted
    f.receive(invite);
    f.receive(Fixture.response(outgoingSent, 200));
    assertThat(lane.depth()).isEqualTo(10);
    f.receive(options(6)); // new requests still get their 503, which costs no queue space
    assertThat(f.sender.statuses()).containsExactly(503, 503);

    // the ACK for an overload 503 dies on the I/O thread
    f.receive(Fixture.request("ACK", "z9hG4bKnew5", "call-new-5", 1, busy.toTag().orElseThrow()));
    assertThat(lane.depth()).isEqualTo(10);

    TransactionCounters c = f.layer.counters();
    assertThat(c.overloadRejected()).isEqualTo(2);
    assertThat(c.dropped()).isEqualTo(2);

    lane.resume();
    // the five admitted requests reached the TU, once each; the 503'd ones never did
    assertThat(f.handler.requests).extracting(t -> t.request().callId().orElseThrow())
        .containsExactly("call-old", "call-new-0", "call-new-1", "call-new-2", "call-new-3", "call-new-4");
    // the INVITE in progress: its retransmission got the 100 again, the CANCEL its 200 and the INVITE its 487
    assertThat(f.sender.statuses()).containsExactly(503, 503, 100, 200, 487);
    assertThat(inProgress.isCancelled()).isTrue();
    assertThat(client.finals).extracting(SipResponse::status).containsExactly(200);
    assertThat(outgoing.state()).isEqualTo(TransactionState.COMPLETED);
    assertThat(f.handler.acks).hasSize(1);

    // the backlog answered, the lane takes new requests again
    for (ServerTransaction t : f.handler.requests.subList(1, 6)) {
      t.respond(200);
    }
    f.receive(options(7));
    assertThat(f.handler.requests).hasSize(7);
    assertThat(f.layer.counters().overloadRejected()).isEqualTo(2);
  }

  @Test
  void aRejectedRequestRetransmittedAfterTheStormIsServed() {
    lane.pause();
    for (int i = 0; i < 5; i++) {
      f.receive(options(i));
    }
    f.receive(options(9));
    assertThat(f.sender.statuses()).containsExactly(503);
    lane.resume();
    f.receive(options(9)); // its key was never admitted: now it is new, and welcome
    assertThat(f.handler.requests).extracting(t -> t.request().callId().orElseThrow()).contains("call-new-9");
  }

  @Test
  void admittedKeysAreForgottenWhenTransactionsEnd() {
    f.receive(options(1));
    f.handler.last().respond(200);
    f.advance(Duration.ofSeconds(33)); // Timer J
    lane.pause();
    for (int i = 10; i < 15; i++) {
      f.receive(options(i));
    }
    // options(1) is no longer in progress: under overload it is a new request and gets 503
    f.receive(options(1));
    assertThat(f.sender.statuses()).containsExactly(200, 503);
  }
}
