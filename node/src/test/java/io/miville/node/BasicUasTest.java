package io.miville.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMessage;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.SipHeaders;
import io.miville.node.uas.BasicUas;
import io.miville.node.uas.UasPolicy;
import io.miville.transaction.TransactionLayer;
import io.miville.transaction.time.ManualTime;
import io.miville.transport.Flow;
import io.miville.transport.InboundMessage;
import io.miville.transport.MessageSender;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The UAS of miville serve on a manual clock, with what it sends recorded. */
class BasicUasTest {
  private static final InetSocketAddress LOCAL = new InetSocketAddress("127.0.0.1", 5060);
  private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40000);
  private static final Flow FLOW = new Flow(Transport.UDP, LOCAL, REMOTE, 0);
  private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
      + "m=audio 6000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\n";

  private final ManualTime time = ManualTime.create();
  private final List<SipMessage> sent = new ArrayList<>();
  private BasicUas uas;
  private TransactionLayer layer;

  private void start(UasPolicy policy) {
    MessageSender sender = new MessageSender() {
      @Override
      public CompletionStage<Void> send(SipMessage message, Flow flow) {
        sent.add(message);
        return CompletableFuture.completedFuture(null);
      }

      @Override
      public CompletionStage<Flow> send(SipMessage message, Transport transport, InetSocketAddress destination) {
        sent.add(message);
        return CompletableFuture.completedFuture(new Flow(transport, LOCAL, destination, 0));
      }
    };
    uas = new BasicUas(policy);
    layer = TransactionLayer.builder(sender).runtime(time).lanes(1).offloadExecutor(Runnable::run)
        .localAddress(Transport.UDP, "127.0.0.1", 5060).requestHandler(uas).build();
  }

  private void receive(String text) {
    layer.onMessage(new InboundMessage(SipParser.create().parse(text), FLOW, time.nanos()));
  }

  private static String request(String method, String branch, long cseq, String toTag, String extra, String body) {
    return method + " sip:uas@127.0.0.1:5060 SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 127.0.0.1:40000;branch=" + branch + "\r\n"
        + "Max-Forwards: 70\r\nFrom: <sip:uac@127.0.0.1>;tag=u1\r\n"
        + "To: <sip:uas@127.0.0.1>" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
        + "Call-ID: call-1\r\nCSeq: " + cseq + " " + (method.equals("ACK") ? "ACK" : method) + "\r\n" + extra
        + (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
        + "Content-Length: " + body.length() + "\r\n\r\n" + body;
  }

  private List<SipResponse> responses() {
    return sent.stream().filter(m -> m instanceof SipResponse).map(m -> (SipResponse) m).toList();
  }

  private SipResponse last() {
    List<SipResponse> r = responses();
    return r.get(r.size() - 1);
  }

  @Test
  void answersAnInviteWithAnSdpAnswerThenEndsTheCallOnBye() {
    start(UasPolicy.DEFAULT);
    receive(request("INVITE", "z9hG4bK-i1", 1, null, "", SDP));
    assertThat(responses()).extracting(SipResponse::status).containsExactly(100, 200);
    SipResponse ok = last();
    String tag = ok.toTag().orElseThrow();
    assertThat(ok.contacts()).hasSize(1);
    assertThat(ok.contentType()).hasValueSatisfying(t -> assertThat(t.subtype()).isEqualTo("sdp"));
    assertThat(ok.bodyText()).contains("m=audio 9 RTP/AVP 0").contains("a=inactive");
    assertThat(ok.headers(SipHeaders.ALLOW)).contains(SipMethod.INVITE, SipMethod.BYE);
    assertThat(uas.activeCalls()).isEqualTo(1);

    receive(request("ACK", "z9hG4bK-a1", 1, tag, "", ""));
    receive(request("BYE", "z9hG4bK-b1", 2, tag, "", ""));
    assertThat(last().status()).isEqualTo(200);
    assertThat(last().cseq().orElseThrow().method()).isEqualTo(SipMethod.BYE);
    assertThat(uas.activeCalls()).isZero();
    assertThat(uas.counters().answered()).isEqualTo(1);
    assertThat(uas.counters().confirmed()).isEqualTo(1);
    assertThat(uas.counters().ended()).isEqualTo(1);
  }

  /** The 2xx responses to the INVITE sent so far: the first one and its retransmissions. */
  private long inviteSuccesses() {
    return responses().stream()
        .filter(r -> r.status() == 200 && r.cseq().orElseThrow().method().equals(SipMethod.INVITE)).count();
  }

  @Test
  void aByeThatOvertakesALostAckEndsTheCallUnconfirmedAndTheCountsStillAddUp() {
    start(UasPolicy.DEFAULT);
    receive(request("INVITE", "z9hG4bK-i10", 1, null, "", SDP));
    String tag = last().toTag().orElseThrow();
    // the ACK is lost on the way (a full socket buffer under load); the BYE arrives
    receive(request("BYE", "z9hG4bK-b10", 2, tag, "", ""));
    assertThat(last().status()).isEqualTo(200);
    var c = uas.counters();
    assertThat(c.answered()).isEqualTo(1);
    assertThat(c.confirmed()).isZero();
    assertThat(c.ended()).isEqualTo(1);
    assertThat(c.endedBeforeAck()).isEqualTo(1);
    assertThat(c.awaitingAck()).isZero();
    assertThat(c.answered()).isEqualTo(c.confirmed() + c.endedBeforeAck() + c.ackTimeouts() + c.awaitingAck());
  }

  @Test
  void anAnsweredCallWhoseAckAndByeAreLostWaitsForItsAckUntilTimerL() {
    start(UasPolicy.DEFAULT);
    receive(request("INVITE", "z9hG4bK-i11", 1, null, "", SDP));
    // ACK and BYE both lost: the 2xx goes out again at T1, 2*T1... (RFC 3261 §13.3.1.4); a UAC
    // that takes any 200 of the call for the answer to its BYE (SIPp's uac does) believes the
    // call ended, while this UAS still has it, unconfirmed
    time.advance(Duration.ofMillis(1500));
    assertThat(inviteSuccesses()).isEqualTo(3);
    var c = uas.counters();
    assertThat(c.answered()).isEqualTo(1);
    assertThat(c.confirmed()).isZero();
    assertThat(c.ended()).isZero();
    assertThat(c.awaitingAck()).isEqualTo(1);
    assertThat(uas.activeCalls()).isEqualTo(1);

    time.advance(layer.timers().timeout()); // Timer L, 64*T1
    c = uas.counters();
    assertThat(c.ackTimeouts()).isEqualTo(1);
    assertThat(c.awaitingAck()).isZero();
    assertThat(uas.activeCalls()).isZero();
    assertThat(c.answered()).isEqualTo(c.confirmed() + c.endedBeforeAck() + c.ackTimeouts() + c.awaitingAck());
  }

  @Test
  void aConfirmedCallIsNeitherAwaitingItsAckNorEndedBeforeIt() {
    start(UasPolicy.DEFAULT);
    receive(request("INVITE", "z9hG4bK-i12", 1, null, "", SDP));
    String tag = last().toTag().orElseThrow();
    receive(request("ACK", "z9hG4bK-a12", 1, tag, "", ""));
    assertThat(uas.counters().awaitingAck()).isZero();
    receive(request("BYE", "z9hG4bK-b12", 2, tag, "", ""));
    receive(request("ACK", "z9hG4bK-a12", 1, tag, "", "")); // a late duplicate ACK changes nothing
    var c = uas.counters();
    assertThat(c.confirmed()).isEqualTo(1);
    assertThat(c.ended()).isEqualTo(1);
    assertThat(c.endedBeforeAck()).isZero();
    assertThat(c.awaitingAck()).isZero();
  }

  @Test
  void ringsForTheConfiguredTimeThenAnswers() {
    start(new UasPolicy(200, Duration.ofSeconds(2)));
    receive(request("INVITE", "z9hG4bK-i2", 1, null, "", SDP));
    assertThat(responses()).extracting(SipResponse::status).containsExactly(100, 180);
    time.advance(Duration.ofMillis(1999));
    assertThat(responses()).hasSize(2);
    time.advance(Duration.ofMillis(1));
    assertThat(responses()).extracting(SipResponse::status).containsExactly(100, 180, 200);
    assertThat(responses().get(1).toTag()).isEqualTo(responses().get(2).toTag());
  }

  @Test
  void aCancelWhileRingingGets487AndNoLaterAnswer() {
    start(new UasPolicy(200, Duration.ofSeconds(2)));
    receive(request("INVITE", "z9hG4bK-i3", 1, null, "", SDP));
    receive(request("CANCEL", "z9hG4bK-i3", 1, null, "", ""));
    assertThat(responses()).extracting(SipResponse::status).containsExactly(100, 180, 200, 487);
    assertThat(responses().get(2).cseq().orElseThrow().method()).isEqualTo(SipMethod.CANCEL);
    time.advance(Duration.ofSeconds(5));
    // the 487 is retransmitted until ACKed (Timer G), but the INVITE never gets a 2xx
    assertThat(responses()).filteredOn(r -> r.cseq().orElseThrow().method().equals(SipMethod.INVITE))
        .extracting(SipResponse::status).containsOnly(100, 180, 487);
    assertThat(uas.activeCalls()).isZero();
    assertThat(uas.counters().cancelled()).isEqualTo(1);
  }

  @Test
  void refusesByPolicy() {
    start(new UasPolicy(486, Duration.ZERO));
    receive(request("INVITE", "z9hG4bK-i4", 1, null, "", SDP));
    assertThat(last().status()).isEqualTo(486);
    assertThat(last().reason()).isEqualTo("Busy Here");
    assertThat(uas.activeCalls()).isZero();
  }

  @Test
  void answersOptionsWithWhatItAllowsAndSupports() {
    start(UasPolicy.DEFAULT);
    receive(request("OPTIONS", "z9hG4bK-o1", 1, null, "", ""));
    assertThat(last().status()).isEqualTo(200);
    assertThat(last().headers(SipHeaders.ALLOW)).containsExactlyElementsOf(BasicUas.ALLOWED);
    assertThat(last().header(HeaderName.SUPPORTED)).isPresent();
    assertThat(last().header(HeaderName.ACCEPT)).hasValue("application/sdp");
  }

  @Test
  void answersOtherMethodsProperly() {
    start(UasPolicy.DEFAULT);
    receive(request("REGISTER", "z9hG4bK-r1", 1, null, "", ""));
    assertThat(last().status()).isEqualTo(405);
    assertThat(last().headers(SipHeaders.ALLOW)).contains(SipMethod.INVITE);
    receive(request("FROBNICATE", "z9hG4bK-f1", 2, null, "", ""));
    assertThat(last().status()).isEqualTo(501);
    receive(request("OPTIONS", "z9hG4bK-o2", 3, null, "Require: nothingSupportsThis\r\n", ""));
    assertThat(last().status()).isEqualTo(420);
    assertThat(last().headers(SipHeaders.UNSUPPORTED)).containsExactly("nothingSupportsThis");
    receive(request("BYE", "z9hG4bK-b9", 4, "nosuchdialog", "", ""));
    assertThat(last().status()).isEqualTo(481);
  }

  @Test
  void refusesAnOfferItCannotRead() {
    start(UasPolicy.DEFAULT);
    String invite = request("INVITE", "z9hG4bK-i5", 1, null, "", "hello").replace("application/sdp", "text/plain");
    receive(invite);
    assertThat(last().status()).isEqualTo(415);
    assertThat(last().headers(SipHeaders.ACCEPT)).singleElement()
        .satisfies(t -> assertThat(t.subtype()).isEqualTo("sdp"));
  }

  @Test
  void reinviteInTheDialogIsAnsweredAndOutsideAnyDialogGets481() {
    start(UasPolicy.DEFAULT);
    receive(request("INVITE", "z9hG4bK-i6", 1, null, "", SDP));
    String tag = last().toTag().orElseThrow();
    receive(request("ACK", "z9hG4bK-a6", 1, tag, "", ""));
    receive(request("INVITE", "z9hG4bK-i7", 2, tag, "", SDP));
    assertThat(last().status()).isEqualTo(200);
    receive(request("INVITE", "z9hG4bK-i8", 3, "other", "", SDP));
    assertThat(last().status()).isEqualTo(481);
  }
}
