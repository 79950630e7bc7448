package io.miville.codec.internal;

/**
 * The words that come back in nearly every message (parameter names, Via protocol and
 * transports, media types, option tags), as shared constants: the parsers take them from here
 * instead of copying them out of each value, which saves an allocation per word and lets
 * comparisons with the constants succeed on identity.
 *
 * <p>Lookups are exact (case-sensitive): a word written in another case is copied as before, so
 * every value still writes back as it was read.
 */
public final class Words {
  private Words() {}

  private static final String[] COMMON = {
    // Via (RFC 3261 §20.42, RFC 3581, RFC 7118)
    "SIP", "2.0", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS",
    "branch", "received", "rport", "maddr", "ttl",
    // From/To/Contact and URI parameters (RFC 3261 §19.1.1, §20)
    "tag", "transport", "udp", "tcp", "tls", "sctp", "ws", "wss", "lr", "user", "phone", "ip", "method", "expires",
    "q", "ob", "gr", "sip.instance", "reg-id", "+sip.instance",
    // media types (RFC 3261 §20.15) and their parameters
    "application", "sdp", "text", "plain", "html", "multipart", "mixed", "alternative", "related", "message",
    "sipfrag", "pidf+xml", "json", "miville+json", "charset", "boundary", "utf-8", "UTF-8",
    // option tags (Supported, Require; RFC 3262, 4028, 3891, 5626, 5627, 3840)
    "100rel", "timer", "replaces", "path", "outbound", "gruu", "norefersub", "precondition", "eventlist",
    "histinfo", "join", "from-change", "pref", "tdialog", "resource-priority",
    // Event, Subscription-State, Reason, Content-Disposition (RFC 6665, RFC 3326, RFC 3261 §20.11)
    "presence", "dialog", "refer", "message-summary", "reg", "active", "pending", "terminated", "reason", "id",
    "retry-after", "cause", "session", "render", "icon", "alert", "handling", "optional", "required",
    "Q.850", "refresher", "uac", "uas",
  };

  private static final NameTable<String> TABLE;

  static {
    java.util.Map<String, String> words = new java.util.HashMap<>();
    for (String w : COMMON) {
      words.put(w, w);
    }
    TABLE = new NameTable<>(words);
  }

  /** {@code text[start, end)} as a string: the shared constant if it is a common word, else a copy. */
  public static String of(Cursor text, int start, int end) {
    String w = TABLE.get(text, start, end);
    return w != null ? w : text.substring(start, end);
  }
}
