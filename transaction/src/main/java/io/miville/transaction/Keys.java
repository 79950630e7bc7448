package io.miville.transaction;

import io.miville.codec.SipMessage;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.Via;
import java.util.Locale;
import java.util.Optional;

/** The keys transactions are found by (RFC 3261 §17.1.3, §17.2.3, §8.2.2.2, §9.2). */
final class Keys {
  private Keys() {}

  /** "" stands for "any method but CANCEL and ACK", to find the request a CANCEL cancels (§9.2). */
  static final String ANY_METHOD = "";

  /** Server transaction key: RFC 3261 (branch with magic cookie) or RFC 2543 fallback. */
  sealed interface ServerKey permits Rfc3261Key, Rfc2543Key {
    /** The same key with method {@link #ANY_METHOD}: the CANCEL index key. */
    ServerKey anyMethod();
  }

  /** §17.2.3: branch, sent-by and method, with ACK counted as INVITE. */
  record Rfc3261Key(String branch, String sentBy, String method) implements ServerKey {
    @Override
    public ServerKey anyMethod() {
      return new Rfc3261Key(branch, sentBy, ANY_METHOD);
    }
  }

  /**
   * §17.2.3 for requests without the magic cookie: Request-URI, From tag, Call-ID, CSeq number,
   * top Via and method (ACK counted as INVITE). The To tag is left out of the key: an ACK carries
   * the tag of the response, not of the INVITE, and nothing else tells requests apart.
   */
  record Rfc2543Key(String requestUri, String fromTag, String callId, long cseq, String topVia, String method)
      implements ServerKey {
    @Override
    public ServerKey anyMethod() {
      return new Rfc2543Key(requestUri, fromTag, callId, cseq, topVia, ANY_METHOD);
    }
  }

  /** §17.1.3: a response matches by the branch of its top Via and the method of its CSeq. */
  record ClientKey(String branch, String method) {}

  /** §8.2.2.2: From tag, Call-ID and CSeq of a request in progress. */
  record MergeKey(String fromTag, String callId, long cseq, String method) {}

  /** What ties an ACK for a 2xx (a new branch) to its INVITE: Call-ID, CSeq number, From tag. */
  record AckKey(String callId, long cseq, String fromTag) {}

  /**
   * The server key of a request, or empty if it lacks a top Via, CSeq or Call-ID. ACK is keyed as
   * INVITE so that it finds the INVITE transaction (§17.2.3 rule 3).
   */
  static Optional<ServerKey> server(SipRequest request) {
    Optional<Via> top = request.topVia();
    Optional<CSeq> cseq = request.cseq();
    Optional<String> callId = request.callId();
    if (top.isEmpty() || cseq.isEmpty() || callId.isEmpty()) {
      return Optional.empty();
    }
    Via via = top.get();
    SipMethod method = request.method();
    String m = method.equals(SipMethod.ACK) ? SipMethod.INVITE.name() : method.name();
    Optional<String> branch = via.branch();
    if (branch.isPresent() && via.hasRfc3261Branch()) {
      return Optional.of(new Rfc3261Key(lower(branch.get()), sentBy(via), m));
    }
    return Optional.of(new Rfc2543Key(request.uri().toString(), fromTag(request), callId.get(),
        cseq.get().sequence(), via.toString(), m));
  }

  static ClientKey client(String branch, SipMethod method) {
    return new ClientKey(lower(branch), method.name());
  }

  /** The client key a response belongs to, or empty if it has no branch or CSeq. */
  static Optional<ClientKey> client(SipMessage response) {
    Optional<Via> top = response.topVia();
    Optional<CSeq> cseq = response.cseq();
    if (top.isEmpty() || cseq.isEmpty() || top.get().branch().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(client(top.get().branch().get(), cseq.get().method()));
  }

  static MergeKey merge(SipRequest request) {
    CSeq cseq = request.cseq().orElseThrow();
    return new MergeKey(fromTag(request), request.callId().orElseThrow(), cseq.sequence(), cseq.method().name());
  }

  static AckKey ack(SipMessage message) {
    return new AckKey(message.callId().orElseThrow(), message.cseq().orElseThrow().sequence(), fromTag(message));
  }

  static String fromTag(SipMessage message) {
    return message.from().flatMap(Address::tag).orElse("");
  }

  /** sent-by: host in lower case and port as written (-1 when absent). */
  static String sentBy(Via via) {
    return lower(via.host()) + ':' + via.port().orElse(-1);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
