package io.miville.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.transport.Transport;
import org.junit.jupiter.api.Test;

/** Matching (RFC 3261 §17.1.3, §17.2.3, §9.2, §8.2.2.2). */
class MatchingTest {
  private final Fixture f = new Fixture();

  @Test
  void cancelMatchesTheInviteAnswers200AndTheInviteGets487WithTheSameTag() {
    f.receive(Fixture.invite("z9hG4bKc1", "call-30"));
    ServerTransaction invite = f.handler.last();
    invite.respond(180);
    SipRequest cancel = Fixture.request("CANCEL", "z9hG4bKc1", "call-30", 1, null);
    f.receive(cancel);
    assertThat(f.handler.cancelled).containsExactly(invite);
    assertThat(invite.isCancelled()).isTrue();
    assertThat(f.handler.requests).hasSize(1); // the CANCEL is the layer's business, not a new request
    assertThat(f.sender.statuses()).containsExactly(100, 180, 200, 487);
    SipResponse cancelOk = f.sender.responses().get(2);
    SipResponse terminated = f.sender.responses().get(3);
    assertThat(cancelOk.cseq().orElseThrow().method().name()).isEqualTo("CANCEL");
    assertThat(terminated.cseq().orElseThrow().method().name()).isEqualTo("INVITE");
    assertThat(cancelOk.toTag()).contains(invite.localTag()).isEqualTo(terminated.toTag());
    assertThat(invite.state()).isEqualTo(TransactionState.COMPLETED);
    // a retransmitted CANCEL gets its 200 again from the CANCEL transaction
    f.receive(cancel);
    assertThat(f.sender.statuses()).containsExactly(100, 180, 200, 487, 200);
    assertThat(f.handler.cancelled).hasSize(1);
  }

  @Test
  void cancelMatchingNothingGets481() {
    f.receive(Fixture.request("CANCEL", "z9hG4bKnothing", "call-31", 1, null));
    assertThat(f.sender.statuses()).containsExactly(481);
    assertThat(f.layer.counters().cancels481()).isEqualTo(1);
    assertThat(f.handler.requests).isEmpty();
  }

  @Test
  void cancelFromAnotherSentByDoesNotMatch() {
    f.receive(Fixture.invite("z9hG4bKc2", "call-32"));
    f.receive(Fixture.request("CANCEL", "z9hG4bKc2", "203.0.113.9:5060", "call-32", 1, "a1", null));
    assertThat(f.sender.statuses()).containsExactly(100, 481);
    assertThat(f.handler.cancelled).isEmpty();
  }

  @Test
  void cancelAfterTheFinalResponseIsAnswered200ButChangesNothing() {
    f.receive(Fixture.invite("z9hG4bKc3", "call-33"));
    ServerTransaction invite = f.handler.last();
    invite.respond(200);
    f.receive(Fixture.request("CANCEL", "z9hG4bKc3", "call-33", 1, null));
    assertThat(f.sender.statuses()).containsExactly(100, 200, 200);
    assertThat(f.handler.cancelled).isEmpty();
    assertThat(invite.isCancelled()).isFalse();
  }

  @Test
  void tuMayAnswerTheCancelledInviteItself() {
    Fixture custom = new Fixture();
    custom.layer.requestHandler(new RequestHandler() {
      @Override
      public void onRequest(ServerTransaction transaction) {}

      @Override
      public void onCancel(ServerTransaction invite, SipRequest cancel) {
        invite.respond(invite.responseBuilder(487).reason("Caller gave up").build());
      }
    });
    custom.receive(Fixture.invite("z9hG4bKc4", "call-34"));
    custom.receive(Fixture.request("CANCEL", "z9hG4bKc4", "call-34", 1, null));
    assertThat(custom.sender.responses().get(2).reason()).isEqualTo("Caller gave up");
  }

  @Test
  void mergedRequestGets482AndNeverReachesTheTu() {
    f.receive(Fixture.request("INVITE", "z9hG4bKm1", "call-35", 5, null));
    // same From tag, Call-ID and CSeq, different branch: the request forked and came back (§8.2.2.2)
    f.receive(Fixture.request("INVITE", "z9hG4bKm2", "call-35", 5, null));
    assertThat(f.handler.requests).hasSize(1);
    assertThat(f.sender.statuses()).containsExactly(100, 482);
    assertThat(f.layer.counters().merged482()).isEqualTo(1);
    // the 482 transaction absorbs its own retransmissions and ACK
    f.receive(Fixture.request("INVITE", "z9hG4bKm2", "call-35", 5, null));
    assertThat(f.sender.statuses()).containsExactly(100, 482, 482);
    f.receive(Fixture.request("ACK", "z9hG4bKm2", "call-35", 5, "x"));
    assertThat(f.handler.acks).isEmpty();
  }

  @Test
  void requestsWithToTagOrAnotherCSeqAreNotMerged() {
    f.receive(Fixture.request("OPTIONS", "z9hG4bKm3", "call-36", 5, null));
    f.receive(Fixture.request("OPTIONS", "z9hG4bKm4", "call-36", 6, null));
    f.receive(Fixture.request("OPTIONS", "z9hG4bKm5", "call-36", 5, "t1"));
    f.receive(Fixture.request("OPTIONS", "z9hG4bKm6", "call-36", 5, null).toBuilder()
        .set(io.miville.codec.header.SipHeaders.FROM,
            Fixture.request("OPTIONS", "x", "x", 1, null).from().orElseThrow().withTag("other"))
        .build());
    assertThat(f.handler.requests).hasSize(4);
  }

  @Test
  void sameBranchFromAnotherSentByIsAnotherTransaction() {
    f.receive(Fixture.request("OPTIONS", "z9hG4bKs1", "198.51.100.7:5060", "call-37", 1, "a1", null));
    f.receive(Fixture.request("OPTIONS", "z9hG4bKs1", "203.0.113.9:5070", "call-37", 2, "a2", null));
    assertThat(f.handler.requests).hasSize(2);
  }

  @Test
  void rfc2543RequestsWithoutMagicCookieMatchByTheirFields() {
    SipRequest old = Fixture.request("INVITE", "oldbranch7", "call-38", 1, null);
    f.receive(old);
    ServerTransaction t = f.handler.last();
    f.receive(old); // retransmission: same Request-URI, tags, Call-ID, CSeq, top Via
    assertThat(f.handler.requests).hasSize(1);
    t.respond(486);
    f.receive(Fixture.request("ACK", "oldbranch7", "call-38", 1, t.localTag()));
    assertThat(t.state()).isEqualTo(TransactionState.CONFIRMED);
    // another CSeq is another transaction
    f.receive(Fixture.request("INVITE", "oldbranch7", "call-38", 2, null));
    assertThat(f.handler.requests).hasSize(2);
  }

  @Test
  void rfc2543CancelFindsItsInvite() {
    f.receive(Fixture.request("INVITE", "old9", "call-39", 1, null));
    f.receive(Fixture.request("CANCEL", "old9", "call-39", 1, null));
    assertThat(f.sender.statuses()).containsExactly(100, 200, 487);
  }

  @Test
  void responsesMatchByBranchAndCSeqMethod() {
    RecordingListener l = new RecordingListener();
    ClientTransaction t = f.layer.sendRequest(Fixture.outgoing("INVITE", "call-40"), Transport.UDP, Fixture.REMOTE, l);
    SipRequest sent = f.sender.requests().get(0);
    // same branch, CSeq method CANCEL: not this transaction's (§17.1.3 rule 2)
    SipResponse cancelOk = (SipResponse) Fixture.PARSER.parse(
        Fixture.response(sent, 200).toString().replace("CSeq: 1 INVITE", "CSeq: 1 CANCEL"));
    f.receive(cancelOk);
    assertThat(t.state()).isEqualTo(TransactionState.CALLING);
    assertThat(f.layer.counters().strayResponses()).isEqualTo(1);
    // another branch: stray
    SipResponse other = (SipResponse) Fixture.PARSER.parse(
        Fixture.response(sent, 200).toString().replace(t.branch(), "z9hG4bKelse"));
    f.receive(other);
    assertThat(l.finals).isEmpty();
    assertThat(f.layer.counters().strayResponses()).isEqualTo(2);
  }

  @Test
  void ackForA2xxWithoutTransactionGoesToTheTu() {
    SipRequest ack = Fixture.request("ACK", "z9hG4bKlone", "call-41", 1, "t9");
    f.receive(ack);
    assertThat(f.handler.acks).containsExactly(ack);
    assertThat(f.sender.sent).isEmpty();
  }

  @Test
  void messagesWithoutViaAreDroppedAndCounted() {
    SipRequest noVia = Fixture.outgoing("OPTIONS", "call-42");
    f.receive(noVia);
    assertThat(f.sender.sent).isEmpty();
    assertThat(f.handler.requests).isEmpty();
    assertThat(f.layer.counters().malformed()).isEqualTo(1);
  }

  @Test
  void sendAckAddsAViaWithANewBranch() {
    SipRequest invite = Fixture.request("INVITE", "z9hG4bKi", "call-43", 3, null);
    SipResponse ok = Fixture.response(invite, 200);
    SipRequest ack = Requests.ackFor2xx(invite, ok);
    f.layer.sendAck(ack, Transport.UDP, Fixture.REMOTE);
    SipRequest sent = f.sender.requests().get(0);
    assertThat(sent.topVia().orElseThrow().hasRfc3261Branch()).isTrue();
    assertThat(sent.topVia().orElseThrow().branch()).isNotEqualTo(invite.topVia().orElseThrow().branch());
    assertThat(sent.cseq().orElseThrow().sequence()).isEqualTo(3);
    assertThat(sent.to()).isEqualTo(ok.to());
  }
}
