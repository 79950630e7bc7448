package io.miville.codec;

import io.miville.codec.internal.Chars;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A header field name: an open set where names compare case-insensitively (RFC 3261 §7.3.1)
 * and compact forms ({@code v}, {@code i}, {@code l}, ...) stand for their long names (§7.3.3).
 * Known names are constants that keep their canonical spelling; unknown names keep the
 * spelling they were first seen with and round-trip.
 */
public final class HeaderName {
  private static final Map<String, HeaderName> KNOWN = new ConcurrentHashMap<>();
  private static final int TABLE_SIZE = 512; // power of two, well above the number of known names
  private static final HeaderName[] TABLE = new HeaderName[TABLE_SIZE];
  private static final byte[][] TABLE_KEYS = new byte[TABLE_SIZE][]; // the lower-case spelling TABLE[i] is found by
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long FOLD = 0x2020_2020_2020_2020L;
  private static final java.util.List<HeaderName> KNOWN_BY_INDEX = new java.util.ArrayList<>();
  private static int knownCount;

  // RFC 3261 §20 and frequent extensions
  public static final HeaderName ACCEPT = known("Accept", null);
  public static final HeaderName ACCEPT_ENCODING = known("Accept-Encoding", null);
  public static final HeaderName ACCEPT_LANGUAGE = known("Accept-Language", null);
  public static final HeaderName ALERT_INFO = known("Alert-Info", null);
  public static final HeaderName ALLOW = known("Allow", null);
  public static final HeaderName ALLOW_EVENTS = known("Allow-Events", "u");
  public static final HeaderName AUTHENTICATION_INFO = known("Authentication-Info", null);
  public static final HeaderName AUTHORIZATION = known("Authorization", null);
  public static final HeaderName CALL_ID = known("Call-ID", "i");
  public static final HeaderName CALL_INFO = known("Call-Info", null);
  public static final HeaderName CONTACT = known("Contact", "m");
  public static final HeaderName CONTENT_DISPOSITION = known("Content-Disposition", null);
  public static final HeaderName CONTENT_ENCODING = known("Content-Encoding", "e");
  public static final HeaderName CONTENT_LANGUAGE = known("Content-Language", null);
  public static final HeaderName CONTENT_LENGTH = known("Content-Length", "l");
  public static final HeaderName CONTENT_TYPE = known("Content-Type", "c");
  public static final HeaderName CSEQ = known("CSeq", null);
  public static final HeaderName DATE = known("Date", null);
  public static final HeaderName ERROR_INFO = known("Error-Info", null);
  public static final HeaderName EVENT = known("Event", "o");
  public static final HeaderName EXPIRES = known("Expires", null);
  public static final HeaderName FROM = known("From", "f");
  public static final HeaderName IN_REPLY_TO = known("In-Reply-To", null);
  public static final HeaderName MAX_FORWARDS = known("Max-Forwards", null);
  public static final HeaderName MIME_VERSION = known("MIME-Version", null);
  public static final HeaderName MIN_EXPIRES = known("Min-Expires", null);
  public static final HeaderName ORGANIZATION = known("Organization", null);
  public static final HeaderName PRIORITY = known("Priority", null);
  public static final HeaderName PROXY_AUTHENTICATE = known("Proxy-Authenticate", null);
  public static final HeaderName PROXY_AUTHORIZATION = known("Proxy-Authorization", null);
  public static final HeaderName PROXY_REQUIRE = known("Proxy-Require", null);
  public static final HeaderName RACK = known("RAck", null);
  public static final HeaderName REASON = known("Reason", null);
  public static final HeaderName RECORD_ROUTE = known("Record-Route", null);
  public static final HeaderName REFER_TO = known("Refer-To", "r");
  public static final HeaderName REFERRED_BY = known("Referred-By", "b");
  public static final HeaderName REPLY_TO = known("Reply-To", null);
  public static final HeaderName REQUIRE = known("Require", null);
  public static final HeaderName RETRY_AFTER = known("Retry-After", null);
  public static final HeaderName ROUTE = known("Route", null);
  public static final HeaderName RSEQ = known("RSeq", null);
  public static final HeaderName SERVER = known("Server", null);
  public static final HeaderName SESSION_EXPIRES = known("Session-Expires", "x");
  public static final HeaderName MIN_SE = known("Min-SE", null);
  public static final HeaderName SIP_ETAG = known("SIP-ETag", null);
  public static final HeaderName SIP_IF_MATCH = known("SIP-If-Match", null);
  public static final HeaderName SUBJECT = known("Subject", "s");
  public static final HeaderName SUBSCRIPTION_STATE = known("Subscription-State", null);
  public static final HeaderName SUPPORTED = known("Supported", "k");
  public static final HeaderName TIMESTAMP = known("Timestamp", null);
  public static final HeaderName TO = known("To", "t");
  public static final HeaderName UNSUPPORTED = known("Unsupported", null);
  public static final HeaderName USER_AGENT = known("User-Agent", null);
  public static final HeaderName VIA = known("Via", "v");
  public static final HeaderName WARNING = known("Warning", null);
  public static final HeaderName WWW_AUTHENTICATE = known("WWW-Authenticate", null);
  public static final HeaderName ACCEPT_CONTACT = known("Accept-Contact", "a");
  public static final HeaderName REJECT_CONTACT = known("Reject-Contact", "j");
  public static final HeaderName REQUEST_DISPOSITION = known("Request-Disposition", "d");
  public static final HeaderName IDENTITY = known("Identity", "y");
  public static final HeaderName IDENTITY_INFO = known("Identity-Info", "n");

  // draft-pis-00
  public static final HeaderName REQUIRES = known("Requires", null);
  public static final HeaderName URGENCY = known("Urgency", null);
  public static final HeaderName INFO = known("Info", null);
  public static final HeaderName TYPE = known("Type", null);
  public static final HeaderName FORBIDDEN = known("Forbidden", null);
  public static final HeaderName HOW = known("How", null);
  public static final HeaderName TID = known("TID", null);
  public static final HeaderName INFO_TEXT = known("Info-text", null);
  public static final HeaderName WATER_STATE = known("Water-State", null);
  public static final HeaderName WATER_STATUS = known("Water-Status", null);
  public static final HeaderName HANDLE_METHOD = known("Handle-Method", null);
  public static final HeaderName SOAP = known("Soap", null);
  public static final HeaderName DRYER_TYPE = known("Dryer-Type", null);
  public static final HeaderName DRYER_STATE = known("Dryer-State", null);
  public static final HeaderName RECOMMEND = known("Recommend", null);
  public static final HeaderName PLANET = known("Planet", null);
  public static final HeaderName GEO_SPATIAL_POSITION = known("Geo-spatial-position", null);
  public static final HeaderName IMPLEMENTATION_SPECIFIC_POSITION = known("Implementation-Specific-Position", null);
  public static final HeaderName CURRENTLY_NEAR_TO = known("Currently-Near-to", null);
  public static final HeaderName VELOCITY = known("Velocity", null);
  public static final HeaderName PREFERENCES = known("Preferences", null);

  private final String name;
  private final String compact;
  private final String lower;
  private final byte[] lowerBytes;
  private final byte[] nameBytes; // the canonical spelling, for the writer and the parser's verbatim check
  private final int index; // 0.. for known names, in order of definition; -1 for others

  private HeaderName(String name, String compact, int index) {
    this.name = name;
    this.compact = compact;
    this.lower = Chars.lower(name);
    this.lowerBytes = lower.getBytes(StandardCharsets.US_ASCII);
    this.nameBytes = name.getBytes(StandardCharsets.ISO_8859_1);
    this.index = index;
  }

  private static HeaderName known(String name, String compact) {
    HeaderName h = new HeaderName(name, compact, knownCount++);
    KNOWN_BY_INDEX.add(h);
    KNOWN.put(h.lower, h);
    insert(h.lowerBytes, h);
    if (compact != null) {
      KNOWN.put(compact, h);
      insert(compact.getBytes(StandardCharsets.US_ASCII), h);
    }
    return h;
  }

  private static void insert(byte[] lowerKey, HeaderName h) {
    for (byte c : lowerKey) {
      // the lookup folds case with "| 0x20", which must leave every byte of a key as it is
      if ((c | 0x20) != c) {
        throw new IllegalStateException("a known name must be letters, digits and dashes: " + h.name);
      }
    }
    int i = slot(lowerKey, 0, lowerKey.length);
    while (TABLE[i] != null) {
      i = (i + 1) & (TABLE_SIZE - 1);
    }
    TABLE[i] = h;
    TABLE_KEYS[i] = lowerKey;
  }

  /** Where the search for a name starts: a hash of its length and first, second and last bytes, case folded. */
  private static int slot(byte[] b, int off, int len) {
    int h = (b[off] | 0x20) * 961 + (b[off + (len > 1 ? 1 : 0)] | 0x20) * 31 + (b[off + len - 1] | 0x20);
    h = h * 31 + len;
    return (h ^ (h >>> 9)) & (TABLE_SIZE - 1);
  }

  /**
   * The known name spelled by {@code b[off, off+len)} in any case, long or compact, or null;
   * the bytes must be token characters ({@code len > 0}). Allocation-free: used by the parser for
   * every header line.
   */
  static HeaderName lookupKnown(byte[] b, int off, int len) {
    for (int i = slot(b, off, len); TABLE[i] != null; i = (i + 1) & (TABLE_SIZE - 1)) {
      if (sameFolded(TABLE_KEYS[i], b, off, len)) {
        return TABLE[i];
      }
    }
    return null;
  }

  /**
   * True if the token bytes {@code b[off, off+len)} are {@code key} in any case. For token
   * characters "| 0x20" is the lower case of a letter and changes nothing else but "_" (into
   * DEL, which no key holds), so eight bytes are folded and compared at once.
   */
  private static boolean sameFolded(byte[] key, byte[] b, int off, int len) {
    if (key.length != len) {
      return false;
    }
    if (len < 8) {
      for (int i = 0; i < len; i++) {
        if ((b[off + i] | 0x20) != key[i]) {
          return false;
        }
      }
      return true;
    }
    // eight bytes at a time, the last word overlapping the one before
    for (int i = 0; i + 8 < len; i += 8) {
      if (((long) LONGS.get(b, off + i) | FOLD) != (long) LONGS.get(key, i)) {
        return false;
      }
    }
    return ((long) LONGS.get(b, off + len - 8) | FOLD) == (long) LONGS.get(key, len - 8);
  }

  /**
   * The header name {@code name}, long or compact, in any case.
   *
   * @throws IllegalArgumentException if {@code name} is not a token
   */
  public static HeaderName of(String name) {
    Objects.requireNonNull(name, "name");
    HeaderName h = KNOWN.get(Chars.lower(name));
    if (h != null) {
      return h;
    }
    if (!Chars.isToken(name)) {
      throw new IllegalArgumentException("a header name must be a token");
    }
    return new HeaderName(name, null, -1);
  }

  /** The known names, each at its {@link #knownIndex()}. */
  static java.util.List<HeaderName> knownNames() {
    return java.util.Collections.unmodifiableList(KNOWN_BY_INDEX);
  }

  /** The position of a known name among the known names, -1 for others; for tables indexed by name. */
  int knownIndex() {
    return index;
  }

  /** The canonical spelling as bytes; never modified. */
  byte[] nameBytes() {
    return nameBytes;
  }

  /** True if {@code b[off, off+len)} spells the canonical name exactly, case included. */
  boolean spelledAs(byte[] b, int off, int len) {
    byte[] n = nameBytes;
    if (len != n.length) {
      return false;
    }
    if (len < 8) {
      for (int i = 0; i < len; i++) {
        if (n[i] != b[off + i]) {
          return false;
        }
      }
      return true;
    }
    for (int i = 0; i + 8 < len; i += 8) {
      if ((long) LONGS.get(b, off + i) != (long) LONGS.get(n, i)) {
        return false;
      }
    }
    return (long) LONGS.get(b, off + len - 8) == (long) LONGS.get(n, len - 8);
  }

  /** The canonical (long) spelling, for example {@code Call-ID}. */
  public String name() {
    return name;
  }

  /** The compact form of RFC 3261 §7.3.3, if this header has one. */
  public Optional<String> compactForm() {
    return Optional.ofNullable(compact);
  }

  /** True for names the stack knows (and may parse into a typed value). */
  public boolean isKnown() {
    return index >= 0;
  }

  /** The lower-case long name, the key by which names compare. */
  public String key() {
    return lower;
  }

  public boolean is(String other) {
    return other.equalsIgnoreCase(name) || (compact != null && other.equalsIgnoreCase(compact));
  }

  @Override
  public boolean equals(Object o) {
    // a known name has one instance (of() returns it for every spelling): only unknown names need the text compared
    return o == this || index < 0 && o instanceof HeaderName h && h.index < 0 && h.lower.equals(lower);
  }

  @Override
  public int hashCode() {
    return lower.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
