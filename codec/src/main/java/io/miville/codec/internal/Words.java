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

  private static final int SIZE = 256; // power of two, about three times the number of words
  // open addressing by String hash: the word's hash (0 for an empty slot), its bytes, the word
  private static final int[] HASHES = new int[SIZE];
  private static final byte[][] BYTES = new byte[SIZE][];
  private static final String[] WORDS = new String[SIZE];

  static {
    for (String w : COMMON) {
      int h = w.hashCode();
      if (h == 0) {
        throw new IllegalStateException("0 marks an empty slot");
      }
      int i = slot(h);
      while (HASHES[i] != 0 && !WORDS[i].equals(w)) {
        i = (i + 1) & (SIZE - 1);
      }
      HASHES[i] = h;
      BYTES[i] = w.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
      WORDS[i] = w;
    }
  }

  private static int slot(int hash) {
    return (hash ^ (hash >>> 7) ^ (hash >>> 16)) & (SIZE - 1);
  }

  /**
   * {@code text[start, end)} as a string: the shared constant if it is a common word, else a
   * copy. {@code hash} is the {@link String#hashCode()} of that text (31 * h + c from 0).
   */
  public static String of(Cursor text, int start, int end, int hash) {
    for (int i = slot(hash); ; i = (i + 1) & (SIZE - 1)) {
      int h = HASHES[i];
      if (h == 0) {
        return text.substring(start, end);
      }
      if (h == hash && same(text, start, end, BYTES[i])) {
        return WORDS[i];
      }
    }
  }

  private static boolean same(Cursor text, int start, int end, byte[] word) {
    if (end - start != word.length) {
      return false;
    }
    for (int i = 0; i < word.length; i++) {
      if (text.charAt(start + i) != word[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * True if {@code text} holds {@code word} at {@code start}. A plain loop: for words this short
   * it beats {@link String#regionMatches}, whose vectorized compare pays off on long texts only.
   */
  public static boolean same(String text, int start, String word) {
    int n = word.length();
    for (int i = 0; i < n; i++) {
      if (text.charAt(start + i) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
