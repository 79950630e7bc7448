package io.miville.codec.property;

import io.miville.codec.HeaderName;
import io.miville.codec.MessageBuilder;
import io.miville.codec.SipMethod;
import io.miville.codec.SipRequest;
import io.miville.codec.SipResponse;
import io.miville.codec.SipVersion;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.MediaType;
import io.miville.codec.header.RetryAfter;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Via;
import io.miville.codec.header.Warning;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of valid SIP values and whole messages, built through the public builders: every
 * value here is one the RFC 3261 §25 grammar allows, so a message made of them must write,
 * read back and compare equal.
 */
final class SipArbitraries {
  private SipArbitraries() {}

  static final String ALPHANUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  static final String TOKEN = ALPHANUM + "-.!%*_+`'~";
  /** word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" / "(" / ")" / "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}"). */
  static final String WORD = TOKEN + "()<>:\\\"/[]?{}";
  static final String UNRESERVED = ALPHANUM + "-_.!~*'()";
  static final String HEX = "0123456789abcdefABCDEF";

  static Arbitrary<String> token() {
    return Arbitraries.strings().withChars(TOKEN).ofMinLength(1).ofMaxLength(12);
  }

  static Arbitrary<SipMethod> methods() {
    Arbitrary<SipMethod> known = Arbitraries.of(SipMethod.INVITE, SipMethod.ACK, SipMethod.BYE, SipMethod.CANCEL,
        SipMethod.OPTIONS, SipMethod.REGISTER, SipMethod.PRACK, SipMethod.SUBSCRIBE, SipMethod.NOTIFY,
        SipMethod.PUBLISH, SipMethod.UPDATE, SipMethod.REFER, SipMethod.MESSAGE, SipMethod.INFO);
    return Arbitraries.oneOf(known, token().map(SipMethod::of));
  }

  // ---- hosts ----

  static Arbitrary<String> hostname() {
    Arbitrary<String> inner = Arbitraries.strings().withChars(ALPHANUM + "-").ofMaxLength(8);
    Arbitrary<String> label = Combinators.combine(Arbitraries.strings().withChars(ALPHANUM).ofLength(1), inner,
        Arbitraries.strings().withChars(ALPHANUM).ofLength(1)).as((a, b, c) -> b.isEmpty() ? a : a + b + c);
    Arbitrary<String> top = Combinators.combine(Arbitraries.strings().alpha().ofLength(1), label)
        .as((a, b) -> a + b);
    return Combinators.combine(label.list().ofMaxSize(3), top, Arbitraries.of("", "", "", "."))
        .as((labels, t, dot) -> (labels.isEmpty() ? "" : String.join(".", labels) + ".") + t + dot);
  }

  static Arbitrary<String> ipv4() {
    Arbitrary<Integer> octet = Arbitraries.integers().between(0, 255);
    return octet.list().ofSize(4).map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
  }

  /** An IPv6 address in RFC 4291 text form: full, compressed with "::", or with an IPv4 tail. */
  static Arbitrary<String> ipv6() {
    Arbitrary<String> group = Arbitraries.strings().withChars(HEX).ofMinLength(1).ofMaxLength(4);
    Arbitrary<Boolean> ipv4Tail = Arbitraries.of(false, false, true);
    return Combinators.combine(group.list().ofSize(8), ipv4Tail, ipv4(), Arbitraries.integers().between(-1, 7),
        Arbitraries.integers().between(1, 8)).as((groups, v4, tail, zeroStart, zeroLen) -> {
          int n = v4 ? 6 : 8; // an IPv4 tail stands for two groups
          List<String> g = new ArrayList<>(groups.subList(0, n));
          if (zeroStart >= 0 && zeroStart < n) {
            int len = Math.min(zeroLen, n - zeroStart);
            String head = String.join(":", g.subList(0, zeroStart));
            String rest = String.join(":", g.subList(zeroStart + len, n));
            String text = head + "::" + rest;
            if (v4) {
              return text + (rest.isEmpty() ? "" : ":") + tail;
            }
            return text;
          }
          String text = String.join(":", g);
          return v4 ? text + ":" + tail : text;
        });
  }

  static Arbitrary<String> host() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(4, hostname()),
        net.jqwik.api.Tuple.of(2, ipv4()),
        net.jqwik.api.Tuple.of(2, ipv6().map(a -> "[" + a + "]")));
  }

  static Arbitrary<Integer> portOrNone() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(2, Arbitraries.just(-1)),
        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 65535)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(5060, 5061)));
  }

  // ---- URIs ----

  /** Characters from {@code allowed} and %HH escapes. */
  static Arbitrary<String> escaped(String allowed, int minLength, int maxLength) {
    Arbitrary<String> plain = Arbitraries.strings().withChars(allowed).ofLength(1);
    Arbitrary<String> escape = Arbitraries.strings().withChars(HEX).ofLength(2).map(h -> "%" + h);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, plain), net.jqwik.api.Tuple.of(1, escape))
        .list().ofMinSize(minLength).ofMaxSize(maxLength).map(l -> String.join("", l));
  }

  static Arbitrary<String> uriParams() {
    Arbitrary<String> name = escaped(UNRESERVED + "[]/:&+$", 1, 8);
    Arbitrary<Optional<String>> value = escaped(UNRESERVED + "[]/:&+$", 1, 8).optional(0.7);
    return Combinators.combine(name, value).as((n, v) -> ";" + n + v.map(x -> "=" + x).orElse(""))
        .list().ofMaxSize(3).map(l -> String.join("", l));
  }

  static Arbitrary<SipUri> sipUri(boolean withHeaders) {
    Arbitrary<Optional<String>> user = escaped(UNRESERVED + "&=+$,;?/", 1, 10).optional(0.7);
    Arbitrary<Optional<String>> password = escaped(UNRESERVED + "&=+$,", 0, 6).optional(0.2);
    Arbitrary<String> headers = withHeaders
        ? Combinators.combine(escaped(UNRESERVED + "[]/?:+$", 1, 6), escaped(UNRESERVED + "[]/?:+$", 0, 6))
            .as((n, v) -> n + "=" + v).list().ofMaxSize(2).map(l -> l.isEmpty() ? "" : "?" + String.join("&", l))
        : Arbitraries.just("");
    return Combinators.combine(Arbitraries.of("sip", "sips", "SIP"), user, password, host(), portOrNone(), uriParams(),
        headers).as((scheme, u, pw, h, port, params, hs) -> {
          String userinfo = u.map(x -> x + pw.map(p -> ":" + p).orElse("") + "@").orElse("");
          return (SipUri) Uri.parse(scheme + ":" + userinfo + h + (port < 0 ? "" : ":" + port) + params + hs);
        });
  }

  static Arbitrary<Uri> telUri() {
    Arbitrary<String> global = Arbitraries.strings().withChars("0123456789-.()").ofMinLength(0).ofMaxLength(12)
        .map(s -> "+1" + s);
    Arbitrary<String> local = Combinators.combine(Arbitraries.strings().withChars("0123456789abcdefABCDEF*#-.").ofMinLength(0)
        .ofMaxLength(8), hostname()).as((n, ctx) -> "7" + n + ";phone-context=" + ctx);
    return Arbitraries.oneOf(global, local).map(n -> Uri.parse("tel:" + n));
  }

  static Arbitrary<Uri> absoluteUri() {
    Arbitrary<String> rest = escaped(UNRESERVED + ";/?:@&=+$,", 1, 16).filter(s -> !s.startsWith("/") || s.length() > 1);
    return Combinators.combine(Arbitraries.of("http", "https", "urn", "mailto", "im", "pres", "x-app.v2+s"), rest)
        .as((s, r) -> Uri.parse(s + ":" + r));
  }

  static Arbitrary<Uri> requestUri() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, sipUri(false)),
        net.jqwik.api.Tuple.of(1, telUri()),
        net.jqwik.api.Tuple.of(1, absoluteUri()));
  }

  static Arbitrary<Uri> addressUri() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, sipUri(true)),
        net.jqwik.api.Tuple.of(1, telUri()),
        net.jqwik.api.Tuple.of(1, absoluteUri()));
  }

  // ---- text ----

  /** TEXT-UTF8: printable ASCII, HTAB and non-ASCII characters, sometimes outside the BMP. */
  static Arbitrary<String> utf8Text(int maxLength) {
    Arbitrary<String> chars = Arbitraries.strings().withCharRange(' ', '~').withChars('\t').withCharRange('\u00a0', '\u024f')
        .withCharRange('\u4e00', '\u4e3f').withCharRange('\ue000', '\ue00f').ofMaxLength(maxLength);
    return Combinators.combine(chars, Arbitraries.of("", "", "\ud83d\ude00", "\ud834\udd1e")).as((a, b) -> a + b);
  }

  /** A display name: any text but CR and LF, including quotes, backslashes and control characters. */
  static Arbitrary<String> displayName() {
    Arbitrary<String> special = Arbitraries.strings().withChars("\"\\\u0000\u0001\u001f\u007f\t ").ofMaxLength(3);
    return Combinators.combine(utf8Text(12), special, utf8Text(4)).as((a, b, c) -> a + b + c);
  }

  // ---- header values ----

  static Arbitrary<Via> via() {
    Arbitrary<Via> base = Combinators.combine(Arbitraries.of("UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "tcp"), host(),
        portOrNone(), token().map(t -> Via.MAGIC_COOKIE + t)).as(Via::create);
    Arbitrary<Optional<String>> received = Arbitraries.oneOf(ipv4(), ipv6(), ipv6().map(a -> "[" + a + "]")).optional(0.3);
    Arbitrary<Integer> rport = Arbitraries.integers().between(-2, 65535); // -2 none, -1 flag
    Arbitrary<Optional<String>> ttl = Arbitraries.integers().between(0, 255).map(String::valueOf).optional(0.1);
    Arbitrary<Optional<String>> maddr = host().optional(0.1);
    return Combinators.combine(base, received, rport, ttl, maddr).as((v, rec, rp, t, m) -> {
      Via out = v;
      if (rec.isPresent()) {
        out = out.withReceived(rec.get());
      }
      if (rp == -1) {
        out = out.withParam("rport", null);
      } else if (rp >= 0 && rp % 3 == 0) {
        out = out.withRport(rp);
      }
      if (t.isPresent()) {
        out = out.withParam("ttl", t.get());
      }
      if (m.isPresent()) {
        out = out.withParam("maddr", m.get());
      }
      return out;
    });
  }

  /** gen-value: a token or a quoted string. */
  static Arbitrary<Optional<String>> genValue() {
    Arbitrary<String> quoted = utf8Text(8).map(io.miville.codec.header.Parameters::quote);
    return Arbitraries.oneOf(token(), quoted).optional(0.8);
  }

  /** name-addr or addr-spec with a display name, a tag and other parameters. */
  static Arbitrary<Address> address(boolean withTag) {
    Arbitrary<Optional<String>> name = displayName().optional(0.5);
    Arbitrary<Optional<String>> tag = withTag ? token().optional(0.8) : Arbitraries.just(Optional.empty());
    Arbitrary<List<String[]>> params = Combinators.combine(token().filter(t -> !isCheckedAddressParam(t)), genValue())
        .as((n, v) -> new String[] {n, v.orElse(null)}).list().ofMaxSize(2);
    return Combinators.combine(name, addressUri(), tag, params).as((n, uri, t, ps) -> {
      Address a = n.map(x -> Address.of(x, uri)).orElseGet(() -> Address.of(uri));
      if (t.isPresent()) {
        a = a.withTag(t.get());
      }
      for (String[] p : ps) {
        a = a.withParam(p[0], p[1]);
      }
      return a;
    });
  }

  private static boolean isCheckedAddressParam(String name) {
    return name.equalsIgnoreCase("tag") || name.equalsIgnoreCase("q") || name.equalsIgnoreCase("expires");
  }

  static Arbitrary<Address> contact() {
    Arbitrary<Optional<String>> q = Arbitraries.of("0", "0.5", "0.123", "1", "1.0", "1.000").optional(0.3);
    Arbitrary<Optional<Long>> expires = Arbitraries.longs().between(0, 4_294_967_295L).optional(0.3);
    return Combinators.combine(address(false), q, expires).as((a, qv, ex) -> {
      Address c = a;
      if (qv.isPresent()) {
        c = c.withParam("q", qv.get());
      }
      if (ex.isPresent()) {
        c = c.withParam("expires", Long.toString(ex.get()));
      }
      return c;
    });
  }

  static Arbitrary<Address> route() {
    return Combinators.combine(sipUri(false), displayName().optional(0.2)).as((u, n) -> {
      SipUri lr = u.withParam("lr", null);
      return n.map(x -> Address.of(x, lr)).orElseGet(() -> Address.of(lr));
    });
  }

  static Arbitrary<MediaType> mediaType() {
    Arbitrary<List<String[]>> params = Combinators.combine(token(), Arbitraries.oneOf(token(),
        utf8Text(6).map(io.miville.codec.header.Parameters::quote))).as((n, v) -> new String[] {n, v}).list().ofMaxSize(2);
    return Combinators.combine(token(), token(), params).as((t, s, ps) -> {
      MediaType m = MediaType.of(t, s);
      for (String[] p : ps) {
        m = m.withParam(p[0], p[1]);
      }
      return m;
    });
  }

  static Arbitrary<String> callId() {
    Arbitrary<String> word = Arbitraries.strings().withChars(WORD).ofMinLength(1).ofMaxLength(16);
    return Combinators.combine(word, word.optional(0.6)).as((a, b) -> a + b.map(x -> "@" + x).orElse(""));
  }

  /** A header the codec does not know, with a UTF-8 value (its name spelled in any case). */
  static Arbitrary<String[]> unknownHeader() {
    Arbitrary<String> name = token().map(t -> "X-" + t).filter(n -> !HeaderName.of(n).isKnown());
    return Combinators.combine(name, utf8Text(40)).as((n, v) -> new String[] {n, v});
  }

  static Arbitrary<Warning> warning() {
    Arbitrary<String> agent = Arbitraries.oneOf(token(), host(),
        Combinators.combine(host(), Arbitraries.integers().between(0, 65535)).as((h, p) -> h + ":" + p));
    return Combinators.combine(Arbitraries.integers().between(100, 999), agent, displayName()).as(Warning::of);
  }

  static Arbitrary<byte[]> body() {
    return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
  }

  // ---- messages ----

  /** Adds one or more header lines to a builder. */
  @FunctionalInterface
  interface Adder extends Consumer<MessageBuilder<?>> {}

  private static <T> Arbitrary<Adder> adding(Arbitrary<T> values, BiConsumer<MessageBuilder<?>, T> add) {
    return values.map(v -> (Adder) b -> add.accept(b, v));
  }

  /** Header lines every message may carry besides the ones that identify it. */
  private static Arbitrary<List<Adder>> otherHeaders() {
    Arbitrary<Adder> one = Arbitraries.oneOf(List.of(
        adding(contact().list().ofMinSize(1).ofMaxSize(3), (b, cs) -> b.headers(SipHeaders.CONTACT, cs)),
        adding(Arbitraries.just(Address.wildcard()), (b, w) -> b.header(SipHeaders.CONTACT, w)),
        adding(route().list().ofMinSize(1).ofMaxSize(2), (b, rs) -> b.headers(SipHeaders.ROUTE, rs)),
        adding(route(), (b, r) -> b.header(SipHeaders.RECORD_ROUTE, r)),
        adding(unknownHeader(), (b, h) -> b.header(h[0], h[1])),
        adding(utf8Text(30), (b, s) -> b.header(HeaderName.SUBJECT, s)),
        adding(warning(), (b, w) -> b.header(SipHeaders.WARNING, w)),
        adding(Arbitraries.longs().between(0, 0xFFFF_FFFFL), (b, s) -> b.header(SipHeaders.RETRY_AFTER, RetryAfter.of(s))),
        adding(Arbitraries.longs().between(0, 0xFFFF_FFFFL), (b, s) -> b.header(SipHeaders.EXPIRES, s)),
        adding(token().list().ofMaxSize(3), (b, ts) -> b.header(HeaderName.SUPPORTED, String.join(", ", ts))),
        adding(methods().list().ofMinSize(1).ofMaxSize(4), (b, ms) -> b.headers(SipHeaders.ALLOW, ms))));
    return one.list().ofMaxSize(5);
  }

  /** The headers of every message and some others, in a random order. */
  private static Arbitrary<List<Adder>> headers(Arbitrary<CSeq> cseq, boolean toTag) {
    Arbitrary<Adder> vias = adding(via().list().ofMinSize(1).ofMaxSize(3), (b, vs) -> b.headers(SipHeaders.VIA, vs));
    Arbitrary<Adder> from = adding(address(true), (b, a) -> b.header(SipHeaders.FROM, a));
    Arbitrary<Adder> to = adding(address(toTag), (b, a) -> b.header(SipHeaders.TO, a));
    Arbitrary<Adder> id = adding(callId(), (b, c) -> b.header(SipHeaders.CALL_ID, c));
    Arbitrary<Adder> seq = adding(cseq, (b, c) -> b.header(SipHeaders.CSEQ, c));
    Arbitrary<Adder> mf = adding(Arbitraries.integers().between(0, 255), (b, n) -> b.header(SipHeaders.MAX_FORWARDS, n));
    return Combinators.combine(vias, from, to, id, seq, mf, otherHeaders()).as((a, b, c, d, e, f, others) -> {
      List<Adder> all = new ArrayList<>(List.of(a, b, c, d, e, f));
      all.addAll(others);
      return all;
    }).flatMap(Arbitraries::shuffle);
  }

  private static Arbitrary<Optional<Object[]>> bodies() {
    return Combinators.combine(mediaType(), body()).as((t, b) -> new Object[] {t, b}).optional(0.4);
  }

  private static Arbitrary<SipVersion> versions() {
    return Arbitraries.frequency(net.jqwik.api.Tuple.of(9, SipVersion.SIP_2_0), net.jqwik.api.Tuple.of(1, SipVersion.PIS_1_0));
  }

  static Arbitrary<SipRequest> requests() {
    return Combinators.combine(methods(), requestUri(), Arbitraries.longs().between(0, CSeq.MAX), versions(), bodies())
        .flatAs((method, uri, seq, version, body) -> headers(Arbitraries.just(new CSeq(seq, method)), false)
            .map(headers -> {
              SipRequest.Builder b = SipRequest.builder(method, uri).version(version);
              headers.forEach(h -> h.accept(b));
              body.ifPresent(x -> b.body((MediaType) x[0], (byte[]) x[1]));
              return b.build();
            }));
  }

  static Arbitrary<SipResponse> responses() {
    Arbitrary<Optional<String>> reason = utf8Text(20).map(String::strip).optional(0.5);
    Arbitrary<CSeq> cseq = Combinators.combine(Arbitraries.longs().between(0, CSeq.MAX), methods()).as(CSeq::new);
    return Combinators.combine(Arbitraries.integers().between(100, 699), reason, versions(), bodies())
        .flatAs((status, r, version, body) -> headers(cseq, true).map(headers -> {
          SipResponse.Builder b = SipResponse.builder(status).version(version);
          r.ifPresent(b::reason);
          headers.forEach(h -> h.accept(b));
          body.ifPresent(x -> b.body((MediaType) x[0], (byte[]) x[1]));
          return b.build();
        }));
  }

  static Arbitrary<io.miville.codec.SipMessage> messages() {
    return Arbitraries.oneOf(requests(), responses());
  }
}
