package io.miville.pis.controller;

import io.miville.codec.SipParser;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.header.SipHeaders;
import io.miville.pis.site.Site;
import io.miville.transaction.time.ManualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A controller on a manual clock, and requests sent to it with what they got back. */
final class Harness {
  final ManualTime time = ManualTime.create();
  final PisController controller;
  final List<MaintenanceEvent> maintenance = new ArrayList<>();
  final List<Announcement> announcements = new ArrayList<>();
  final List<ClusterSnapshot> changes = new ArrayList<>();
  private int calls;

  Harness() {
    this(TestSite.create(), PisConfig.DEFAULT);
  }

  Harness(PisConfig config) {
    this(TestSite.create(), config);
  }

  Harness(Site site, PisConfig config) {
    controller = Controllers.create(site, time.newLane("pis"), config);
    controller.addListener(new PisListener() {
      @Override
      public void onClusterChanged(ClusterSnapshot snapshot) {
        changes.add(snapshot);
      }

      @Override
      public void onMaintenance(MaintenanceEvent event) {
        maintenance.add(event);
      }

      @Override
      public void onAnnouncement(Announcement a) {
        announcements.add(a);
      }
    });
  }

  /** Collects what the controller answers one request. */
  static final class Answers implements Responder {
    final SipRequest request;
    final List<SipResponse> responses = new ArrayList<>();

    Answers(SipRequest request) {
      this.request = request;
    }

    @Override
    public SipResponse.Builder response(int status) {
      SipResponse.Builder b = SipResponse.forRequest(request, status);
      if (status > 100 && request.to().isPresent() && request.to().get().tag().isEmpty()) {
        b.set(SipHeaders.TO, request.to().get().withTag("ctl"));
      }
      return b;
    }

    @Override
    public void send(SipResponse response) {
      responses.add(response);
    }

    List<Integer> codes() {
      return responses.stream().map(SipResponse::status).toList();
    }

    SipResponse last() {
      return responses.get(responses.size() - 1);
    }

    int status() {
      return last().status();
    }

    boolean answered() {
      return !responses.isEmpty() && last().isFinal();
    }
  }

  Answers send(String text) {
    SipRequest r = (SipRequest) SipParser.create().parse(text);
    Answers a = new Answers(r);
    controller.handle(r, a);
    return a;
  }

  /** A PIS/1.0 request in the standard form; {@code extra} are whole header lines. */
  Answers send(String method, String target, String from, String... extra) {
    return send(request(method, target, from, "call-" + (++calls), extra));
  }

  /** The same with a given Call-ID (INVITE and BYE of one session). */
  Answers sendIn(String callId, String method, String target, String from, String... extra) {
    return send(request(method, target, from, callId, extra));
  }

  static String request(String method, String target, String from, String callId, String... extra) {
    StringBuilder b = new StringBuilder();
    b.append(method).append(" sip:").append(target).append(" PIS/1.0\r\n")
        .append("Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-").append(callId).append("-").append(method).append("\r\n")
        .append("From: <sip:").append(from).append(">;tag=ua\r\n")
        .append("To: <sip:").append(target).append(">\r\n")
        .append("Call-ID: ").append(callId).append("\r\n")
        .append("CSeq: 1 ").append(method).append("\r\n");
    for (String e : extra) {
      b.append(e).append("\r\n");
    }
    b.append("Content-Length: 0\r\n\r\n");
    return b.toString();
  }

  void advance(Duration d) {
    time.advance(d);
  }

  ProxySnapshot proxy(String address) {
    return ((DefaultPisController) controller).proxy(address).orElseThrow();
  }
}
