package io.miville.codec.header;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipVersion;
import io.miville.codec.internal.Chars;
import io.miville.codec.internal.Cursor;
import java.util.List;

/**
 * Typed views of the SIP headers the stack uses (RFC 3261 §20 and extensions). Read them with
 * {@code message.header(SipHeaders.CSEQ)} or {@code message.headers(SipHeaders.VIA)}.
 */
public final class SipHeaders {
  private SipHeaders() {}

  public static final HeaderType<Via> VIA = HeaderType.list(HeaderName.VIA, Via::parse, Via::write).checkedBy(Via::check);
  public static final HeaderType<Address> FROM = HeaderType.single(HeaderName.FROM, SipHeaders::address, Address::write);
  public static final HeaderType<Address> TO = HeaderType.single(HeaderName.TO, SipHeaders::address, Address::write);
  /** Contact values; {@code *} parses to {@link Address#wildcard()}. */
  public static final HeaderType<Address> CONTACT =
      HeaderType.list(HeaderName.CONTACT, (c, v) -> Address.parse(c, v, true, false), Address::write)
          .checkedBy((c, v) -> Address.check(c, v, true, false));
  public static final HeaderType<Address> ROUTE =
      HeaderType.list(HeaderName.ROUTE, SipHeaders::nameAddr, Address::write).checkedBy(SipHeaders::checkNameAddr);
  public static final HeaderType<Address> RECORD_ROUTE =
      HeaderType.list(HeaderName.RECORD_ROUTE, SipHeaders::nameAddr, Address::write).checkedBy(SipHeaders::checkNameAddr);
  public static final HeaderType<Address> REPLY_TO = HeaderType.single(HeaderName.REPLY_TO, SipHeaders::address, Address::write);
  public static final HeaderType<Address> REFER_TO = HeaderType.single(HeaderName.REFER_TO, SipHeaders::address, Address::write);
  public static final HeaderType<Address> REFERRED_BY = HeaderType.single(HeaderName.REFERRED_BY, SipHeaders::address, Address::write);
  public static final HeaderType<String> CALL_ID = HeaderType.single(HeaderName.CALL_ID, SipHeaders::callId, (v, b) -> b.append(v));
  public static final HeaderType<CSeq> CSEQ = HeaderType.single(HeaderName.CSEQ, CSeq::parse, (v, b) -> b.append(v));
  /** Max-Forwards, 0 to 255 (RFC 3261 §20.22). */
  public static final HeaderType<Integer> MAX_FORWARDS =
      HeaderType.single(HeaderName.MAX_FORWARDS, (c, v) -> bounded(c, 255, "Max-Forwards"), (v, b) -> b.append(v));
  public static final HeaderType<Integer> CONTENT_LENGTH =
      HeaderType.single(HeaderName.CONTENT_LENGTH, (c, v) -> bounded(c, Integer.MAX_VALUE, "Content-Length"), (v, b) -> b.append(v));
  public static final HeaderType<MediaType> CONTENT_TYPE =
      HeaderType.single(HeaderName.CONTENT_TYPE, MediaType::parse, (v, b) -> b.append(v));
  /** Accept: media ranges, where {@code *} stands for any type or subtype; may be empty. */
  public static final HeaderType<MediaType> ACCEPT =
      HeaderType.optionalList(HeaderName.ACCEPT, MediaType::parse, (v, b) -> b.append(v));
  public static final HeaderType<NamedValue> CONTENT_DISPOSITION =
      HeaderType.single(HeaderName.CONTENT_DISPOSITION, NamedValue::parse, (v, b) -> b.append(v));
  /** Expires in seconds, saturating at 2^32-1 (RFC 3261 §20.19). */
  public static final HeaderType<Long> EXPIRES =
      HeaderType.single(HeaderName.EXPIRES, (c, v) -> Grammar.deltaSeconds(c, "Expires seconds"), (v, b) -> b.append(v));
  public static final HeaderType<Long> MIN_EXPIRES =
      HeaderType.single(HeaderName.MIN_EXPIRES, (c, v) -> Grammar.deltaSeconds(c, "Min-Expires seconds"), (v, b) -> b.append(v));
  public static final HeaderType<SipDate> DATE = HeaderType.single(HeaderName.DATE, SipDate::parse, (v, b) -> b.append(v));
  public static final HeaderType<RetryAfter> RETRY_AFTER =
      HeaderType.single(HeaderName.RETRY_AFTER, RetryAfter::parse, (v, b) -> b.append(v));
  public static final HeaderType<Warning> WARNING = HeaderType.list(HeaderName.WARNING, Warning::parse, Warning::write);
  /** Reason (RFC 3326): protocol with cause and text parameters. */
  public static final HeaderType<NamedValue> REASON = HeaderType.list(HeaderName.REASON, NamedValue::parse, (v, b) -> b.append(v));
  /** Event (RFC 6665 §8.2.1): event package with parameters such as {@code id}. */
  public static final HeaderType<NamedValue> EVENT = HeaderType.single(HeaderName.EVENT, NamedValue::parse, (v, b) -> b.append(v));
  /** Subscription-State (RFC 6665 §8.2.3): active, pending or terminated, with expires/reason. */
  public static final HeaderType<NamedValue> SUBSCRIPTION_STATE =
      HeaderType.single(HeaderName.SUBSCRIPTION_STATE, NamedValue::parse, (v, b) -> b.append(v));
  public static final HeaderType<SipMethod> ALLOW =
      HeaderType.optionalList(HeaderName.ALLOW, (c, v) -> Grammar.method(c, "expected method"), (v, b) -> b.append(v))
          .checkedBy(SipHeaders::skipMethod);
  public static final HeaderType<String> SUPPORTED = tokenList(HeaderName.SUPPORTED, true);
  public static final HeaderType<String> REQUIRE = tokenList(HeaderName.REQUIRE, false);
  public static final HeaderType<String> PROXY_REQUIRE = tokenList(HeaderName.PROXY_REQUIRE, false);
  public static final HeaderType<String> UNSUPPORTED = tokenList(HeaderName.UNSUPPORTED, false);
  public static final HeaderType<String> ALLOW_EVENTS = tokenList(HeaderName.ALLOW_EVENTS, false);
  public static final HeaderType<Long> RSEQ =
      HeaderType.single(HeaderName.RSEQ, (c, v) -> Grammar.deltaSeconds(c, "RSeq"), (v, b) -> b.append(v));

  /** Every type above, for the registry. */
  static List<HeaderType<?>> all() {
    return List.of(VIA, FROM, TO, CONTACT, ROUTE, RECORD_ROUTE, REPLY_TO, REFER_TO, REFERRED_BY, CALL_ID, CSEQ,
        MAX_FORWARDS, CONTENT_LENGTH, CONTENT_TYPE, ACCEPT, CONTENT_DISPOSITION, EXPIRES, MIN_EXPIRES, DATE,
        RETRY_AFTER, WARNING, REASON, EVENT, SUBSCRIPTION_STATE, ALLOW, SUPPORTED, REQUIRE, PROXY_REQUIRE,
        UNSUPPORTED, ALLOW_EVENTS, RSEQ);
  }

  private static HeaderType<String> tokenList(HeaderName name, boolean emptyAllowed) {
    HeaderType.ValueParser<String> p = (c, v) -> c.token("expected option tag");
    HeaderType<String> type = emptyAllowed ? HeaderType.optionalList(name, p, (v, b) -> b.append(v))
        : HeaderType.list(name, p, (v, b) -> b.append(v));
    return type.checkedBy(SipHeaders::skipOptionTag);
  }

  /** Reads a method as ALLOW's parser does, without finding it: every token is a method. */
  private static Object skipMethod(Cursor c, SipVersion version) {
    c.skipToken("expected method");
    return null;
  }

  private static Object skipOptionTag(Cursor c, SipVersion version) {
    c.skipToken("expected option tag");
    return null;
  }

  private static Address address(Cursor c, SipVersion version) {
    return Address.parse(c, version, false, false);
  }

  private static Address nameAddr(Cursor c, SipVersion version) {
    return Address.parse(c, version, false, true);
  }

  private static Object checkNameAddr(Cursor c, SipVersion version) {
    return Address.check(c, version, false, true);
  }

  /** callid = word [ "@" word ] (RFC 3261 §25.1). */
  private static String callId(Cursor c, SipVersion version) {
    int start = c.pos();
    scanWord(c);
    if (c.tryChar('@')) {
      scanWord(c);
    }
    return c.substring(start, c.pos());
  }

  private static void scanWord(Cursor c) {
    int start = c.pos();
    while (!c.atEnd() && Chars.isWord(c.peek())) {
      c.next();
    }
    if (c.pos() == start) {
      throw c.fail("bad Call-ID");
    }
  }

  private static int bounded(Cursor c, int max, String what) {
    int start = c.pos();
    long v = c.digits(10, what);
    if (v > max) {
      c.pos(start);
      throw c.fail(what + " out of range");
    }
    return (int) v;
  }
}
