package io.miville.codec;

import io.miville.codec.internal.Chars;
import io.miville.codec.internal.Cursor;
import io.miville.codec.internal.NameTable;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A request method: an open set (RFC 3261 §7.1, extension-method = token). The methods the
 * stack knows are constants; any other token is a valid method that round-trips. Methods are
 * case-sensitive, as RFC 3261 §7.1 says.
 */
public final class SipMethod {
  private static final Map<String, SipMethod> KNOWN = new ConcurrentHashMap<>();
  /** The known methods, for lookups in text being parsed; replaced whole when a method is registered. */
  private static volatile NameTable<SipMethod> table = new NameTable<>(Map.of());

  // RFC 3261
  public static final SipMethod INVITE = known("INVITE", "RFC 3261");
  public static final SipMethod ACK = known("ACK", "RFC 3261");
  public static final SipMethod BYE = known("BYE", "RFC 3261");
  public static final SipMethod CANCEL = known("CANCEL", "RFC 3261");
  public static final SipMethod OPTIONS = known("OPTIONS", "RFC 3261");
  public static final SipMethod REGISTER = known("REGISTER", "RFC 3261");
  // extensions
  public static final SipMethod PRACK = known("PRACK", "RFC 3262");
  public static final SipMethod SUBSCRIBE = known("SUBSCRIBE", "RFC 6665");
  public static final SipMethod NOTIFY = known("NOTIFY", "RFC 6665");
  public static final SipMethod PUBLISH = known("PUBLISH", "RFC 3903");
  public static final SipMethod UPDATE = known("UPDATE", "RFC 3311");
  public static final SipMethod REFER = known("REFER", "RFC 3515");
  public static final SipMethod MESSAGE = known("MESSAGE", "RFC 3428");
  public static final SipMethod INFO = known("INFO", "RFC 6086");
  // draft-pis-00 §2
  public static final SipMethod SEEK = known("SEEK", "draft-pis-00 §2.1");
  public static final SipMethod AIM = known("AIM", "draft-pis-00 §2.2");
  public static final SipMethod FLUSH = known("FLUSH", "draft-pis-00 §2.3");
  public static final SipMethod WASH = known("WASH", "draft-pis-00 §2.4");
  public static final SipMethod FRESHEN = known("FRESHEN", "draft-pis-00 §2.5");
  public static final SipMethod COMET = known("COMET", "draft-pis-00 §2.6");
  public static final SipMethod VOMET = known("VOMET", "draft-pis-00 §2.6");

  private final String name;
  private final String reference;

  private SipMethod(String name, String reference) {
    this.name = name;
    this.reference = reference;
  }

  private static SipMethod known(String name, String reference) {
    SipMethod m = new SipMethod(name, reference);
    KNOWN.put(name, m);
    rebuildTable();
    return m;
  }

  private static synchronized void rebuildTable() {
    table = new NameTable<>(KNOWN);
  }

  /**
   * The method named {@code name}: a known constant, or a new extension method.
   *
   * @throws IllegalArgumentException if {@code name} is not a token
   */
  public static SipMethod of(String name) {
    SipMethod m = KNOWN.get(Objects.requireNonNull(name, "name"));
    if (m != null) {
      return m;
    }
    if (!Chars.isToken(name)) {
      throw new IllegalArgumentException("a method must be a token");
    }
    return new SipMethod(name, "");
  }

  /**
   * The method named by {@code text[start, end)}, as {@link #of(String)}; a known method is
   * found without copying the name.
   *
   * @throws IllegalArgumentException if that text is not a token
   */
  public static SipMethod of(String text, int start, int end) {
    SipMethod m = table.get(text, start, end);
    return m != null ? m : of(text.substring(start, end));
  }

  /**
   * The method spelled by the token at the cursor, as {@link #of(String)}, leaving the cursor
   * after it; for value parsers ({@link io.miville.codec.header.HeaderType.ValueParser}). A known
   * method is found without copying its name.
   *
   * @throws SipParseException with {@code what} if there is no token at the cursor
   */
  public static SipMethod parse(Cursor c, String what) {
    int start = c.pos();
    int end = c.skipToken(what);
    SipMethod m = table.get(c, start, end);
    return m != null ? m : of(c.substring(start, end));
  }

  /** The known method spelled by the bytes {@code b[start, end)}, or null; for the parser's hot path. */
  static SipMethod knownOrNull(byte[] b, int start, int end) {
    return table.get(b, start, end);
  }

  /** Registers an extension method so that it parses to one shared instance; returns it. */
  public static SipMethod register(String name, String reference) {
    if (!Chars.isToken(name)) {
      throw new IllegalArgumentException("a method must be a token");
    }
    SipMethod m = KNOWN.get(name);
    if (m != null) {
      return m;
    }
    synchronized (SipMethod.class) {
      m = KNOWN.computeIfAbsent(name, n -> new SipMethod(n, reference));
      rebuildTable();
      return m;
    }
  }

  public String name() {
    return name;
  }

  /** Where the method is defined ("RFC 3261", "draft-pis-00 §2.1"), empty for unknown ones. */
  public String reference() {
    return reference;
  }

  /** True for methods defined by draft-pis-00. */
  public boolean isPis() {
    return reference.startsWith("draft-pis");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SipMethod m && m.name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
