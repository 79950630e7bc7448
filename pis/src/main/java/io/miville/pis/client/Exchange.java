package io.miville.pis.client;

import io.miville.codec.SipMessage;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.SipWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One request of a PIS user agent and everything it brought back (RFC 3261 §17.1): the request
 * as sent (with the Via the transaction layer added), every provisional response in order
 * ({@code 110 Queued}, {@code 160 Swirling}, ...), the final response, and for an INVITE answered
 * 2xx the ACK sent for it (§13.2.2.4). Immutable.
 *
 * @param request      the request as it went out
 * @param provisionals the 1xx responses, in arrival order
 * @param finalResponse the final response (a local {@code 408} or {@code 503} if none came)
 * @param ack          the ACK sent for a 2xx to INVITE
 * @param elapsed      from sending the request to its final response
 */
public record Exchange(SipRequest request, List<SipResponse> provisionals, SipResponse finalResponse,
    Optional<SipRequest> ack, Duration elapsed) {

  public Exchange {
    Objects.requireNonNull(request, "request");
    provisionals = List.copyOf(provisionals);
    Objects.requireNonNull(finalResponse, "finalResponse");
    Objects.requireNonNull(ack, "ack");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** The final status code. */
  public int status() {
    return finalResponse.status();
  }

  /** True if the final response is a 2xx. */
  public boolean succeeded() {
    return finalResponse.isSuccess();
  }

  /** Every message in wire order: the request, the provisionals, the final response, the ACK. */
  public List<SipMessage> messages() {
    List<SipMessage> all = new ArrayList<>(provisionals.size() + 3);
    all.add(request);
    all.addAll(provisionals);
    all.add(finalResponse);
    ack.ifPresent(all::add);
    return all;
  }

  /**
   * The exchange as text: each message preceded by {@code -->} (sent) or {@code <--} (received),
   * written as on the wire, or in draft-pis-00's short form ({@code PIS/1.0 FLUSH TID=1},
   * {@code 100 INFO TID=1}) for PIS/1.0 messages when {@code shortForm} is set.
   */
  public String transcript(boolean shortForm) {
    StringBuilder b = new StringBuilder();
    for (SipMessage m : messages()) {
      b.append(m instanceof SipRequest ? "--> sent" : "<-- received").append(System.lineSeparator());
      b.append(text(m, shortForm));
    }
    return b.toString();
  }

  /** A message as text, standard form or draft-pis-00's short form. */
  public static String text(SipMessage m, boolean shortForm) {
    byte[] bytes = SipWriter.encode(m, shortForm ? SipWriter.Form.SHORT : SipWriter.Form.STANDARD, false);
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
