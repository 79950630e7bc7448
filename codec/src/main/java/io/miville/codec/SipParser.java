package io.miville.codec;

import io.miville.codec.header.CSeq;
import io.miville.codec.header.HeaderRegistry;
import io.miville.codec.header.HeaderType;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.internal.Chars;
import io.miville.codec.internal.Cursor;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.codec.uri.UriParser;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Reads SIP/2.0 and PIS/1.0 messages from bytes (RFC 3261 §7, §25; draft-pis-00).
 *
 * <p>The parser is strict: the start line must have single spaces and no trailing white space,
 * every header the stack knows is parsed into its typed value while reading, and the CSeq
 * method must match the request method. It does no I/O and holds no state between calls, so
 * one instance serves every thread.
 *
 * <p>Two framings: {@link #parseDatagram} for a UDP datagram (the body extends to
 * Content-Length, or to the end of the datagram without one, RFC 3261 §18.3), and
 * {@link #parseFramed} for one message cut from a stream by {@link SipStreamDecoder}.
 *
 * <p>Every failure is a {@link SipParseException} with the byte offset and the status to
 * answer with.
 */
public final class SipParser {
  private static final SipParser DEFAULT = new SipParser(CodecConfig.DEFAULT);

  /** Eight bytes at a time, for the scan of header lines. */
  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101_0101_0101_0101L;
  private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

  /** The typed view of each known header name, by {@link HeaderName#knownIndex()}; null where there is none. */
  private static final HeaderType<?>[] TYPES;
  /** True for the headers of draft-pis-00, by {@link HeaderName#knownIndex()}. */
  private static final boolean[] PIS_HEADERS;

  static {
    List<HeaderName> known = HeaderName.knownNames();
    TYPES = new HeaderType<?>[known.size()];
    PIS_HEADERS = new boolean[known.size()];
    for (HeaderName n : known) {
      TYPES[n.knownIndex()] = HeaderRegistry.standardOrNull(n);
      PIS_HEADERS[n.knownIndex()] = HeaderRegistry.isPisHeader(n);
    }
  }

  private final CodecConfig config;

  private SipParser(CodecConfig config) {
    this.config = config;
  }

  /** A parser with {@link CodecConfig#DEFAULT}. */
  public static SipParser create() {
    return DEFAULT;
  }

  public static SipParser create(CodecConfig config) {
    return new SipParser(config);
  }

  public CodecConfig config() {
    return config;
  }

  /** Parses a whole datagram. */
  public SipMessage parse(byte[] data) {
    return parseDatagram(data, 0, data.length);
  }

  /** Parses text (encoded as UTF-8) as a datagram; convenient in tests and tools. */
  public SipMessage parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses {@code data[off, off+len)} as one datagram: extra bytes after Content-Length are ignored. */
  public SipMessage parseDatagram(byte[] data, int off, int len) {
    return parse(data, off, len, true);
  }

  /** Parses exactly one message cut from a stream: the body must be exactly Content-Length bytes. */
  public SipMessage parseFramed(byte[] data, int off, int len) {
    return parse(data, off, len, false);
  }

  private SipMessage parse(byte[] b, int off, int len, boolean datagram) {
    if (len > config.maxMessageBytes()) {
      throw new SipParseException(off + config.maxMessageBytes(), 413, "message too large");
    }
    return new Run(b, off, off + len, datagram).message();
  }

  /** The state of one parse. */
  private final class Run {
    private final byte[] b;
    private final int start;
    private final int end;
    private final boolean datagram;
    private int pos;

    // the message from its start line on, copied once: header lines and body are views of it
    private byte[] src;
    private int base; // src[i] is b[base + i]

    // start line results
    private boolean isRequest;
    private SipMethod method;
    private Uri uri;
    private SipVersion version;
    private int status;
    private String reason;
    private boolean shortForm;
    private long startLineTid = -1;
    private int startLineOffset;
    private boolean startLineVerbatim; // written back as read: version in upper case, URI in canonical form

    // header results
    private boolean linesVerbatim = true; // every header line written back as read
    private int contentLength = -1; // of the first Content-Length line
    private CSeq cseq; // of the first CSeq line
    private HeaderField firstTo;
    private Cursor cursor; // reset for each value read from the bytes
    private boolean seenVia;

    Run(byte[] b, int start, int end, boolean datagram) {
      this.b = b;
      this.start = start;
      this.end = end;
      this.datagram = datagram;
      this.pos = start;
    }

    SipMessage message() {
      // RFC 3261 §7.5: CRLFs before the start line are ignored
      while (pos < end && (b[pos] == '\r' || b[pos] == '\n')) {
        pos++;
      }
      if (pos >= end) {
        throw SipParseException.badRequest(pos, "empty message");
      }
      startLineOffset = pos;
      // look for the line end only as far as the limit allows: a longer line is refused as too
      // long even when the input stops before its end
      int limit = config.maxStartLineBytes();
      int lf = indexOf(pos, (int) Math.min(end, (long) pos + limit + 2), (byte) '\n');
      if (lf < 0 && (long) end - pos > (long) limit + 1) {
        throw startLineTooLong(pos);
      }
      if (lf < 0) {
        throw SipParseException.badRequest(end, "header section not terminated");
      }
      int lineEnd = lineContentEnd(lf);
      if (lineEnd - pos > limit) {
        throw startLineTooLong(pos);
      }
      base = pos;
      src = Arrays.copyOfRange(b, pos, end);
      startLine(pos, lineEnd);
      startLineVerbatim &= lineEnd == lf - 1 && !shortForm;
      pos = lf + 1;

      HeaderField[] fields = new HeaderField[16];
      int count = 0;
      if (startLineTid >= 0) {
        fields[count++] = HeaderField.parsed(HeaderName.TID, Long.toString(startLineTid));
      }
      int bodyStart;
      while (true) {
        if (count == fields.length) {
          fields = Arrays.copyOf(fields, count * 2);
        }
        HeaderField f = headerLine(count);
        if (f == null) {
          bodyStart = pos;
          break;
        }
        fields[count++] = f;
      }
      if (bodyStart - start > config.maxHeaderBytes()) {
        throw new SipParseException(start + config.maxHeaderBytes(), 413, "header section too large");
      }
      int bodyLength = bodyLength(bodyStart);
      if (count < fields.length) {
        fields = Arrays.copyOf(fields, count);
      }
      int bodyOffset = bodyStart - base;
      int messageEnd = bodyOffset + bodyLength;
      SipMessage.Source source = new SipMessage.Source(src, startLineVerbatim ? lineEnd - base : -1, messageEnd,
          startLineVerbatim && linesVerbatim);
      if (isRequest) {
        checkCSeqMethod();
        if (shortForm) {
          uri = shortFormTarget();
        }
        return new SipRequest(method, uri, version, fields, src, bodyOffset, bodyLength, shortForm, source);
      }
      return new SipResponse(status, reason, version, fields, src, bodyOffset, bodyLength, shortForm, source);
    }

    /**
     * 414 for a request line, 400 for a status line (CodecConfig). A status line starts with the
     * version and a status code, or for draft-pis-00's short form with a bare status code; a
     * method is a token and holds no "/".
     */
    private SipParseException startLineTooLong(int s) {
      int sp = indexOf(s, Math.min(end, s + config.maxStartLineBytes()), (byte) ' ');
      boolean statusLine = sp > s && sp + 1 < end && isDigit(b[sp + 1]) && indexOf(s, sp, (byte) '/') >= 0
          || sp == s + 3 && isDigit(b[s]) && isDigit(b[s + 1]) && isDigit(b[s + 2]);
      return new SipParseException(s, statusLine ? 400 : 414, "start line too long");
    }

    /** Where the content of the line ending at LF {@code lf} ends (before CR). */
    private int lineContentEnd(int lf) {
      if (lf > start && b[lf - 1] == '\r') {
        return lf - 1;
      }
      if (!config.allowBareLf()) {
        throw SipParseException.badRequest(lf, "line must end with CRLF");
      }
      return lf;
    }

    // ---- start line ----

    private void startLine(int s, int e) {
      int sp1 = indexOf(s, e, (byte) ' ');
      if (sp1 < 0) {
        if (config.allowPisShortForm()) {
          throw SipParseException.badRequest(s, "bad start line");
        }
        throw SipParseException.badRequest(s, "bad start line");
      }
      if (containsSlash(s, sp1)) {
        // status line, or draft-pis-00 short request "PIS/1.0 SEEK [TID=n]"
        version = version(s, sp1, false);
        int p = sp1 + 1;
        if (p + 3 <= e && isDigit(b[p]) && isDigit(b[p + 1]) && isDigit(b[p + 2]) && (p + 3 == e || b[p + 3] == ' ')) {
          // the writer puts a space after the code even when the reason phrase is empty
          startLineVerbatim = p + 3 < e && versionUpperCase(s);
          statusAndReason(p, e);
          return;
        }
        if (p < e && isDigit(b[p])) {
          throw SipParseException.badRequest(p, "bad status code");
        }
        if (version == SipVersion.PIS_1_0 && config.allowPisShortForm()) {
          shortRequest(p, e);
          return;
        }
        throw SipParseException.badRequest(p, "bad status code");
      }
      if (config.allowPisShortForm() && sp1 - s == 3 && isDigit(b[s]) && isDigit(b[s + 1]) && isDigit(b[s + 2])
          && !endsWithVersion(s, e)) {
        // draft-pis-00 short response without version: "100 INFO TID=1"
        version = SipVersion.PIS_1_0;
        shortForm = true;
        statusAndReason(s, e);
        return;
      }
      // Request-Line = Method SP Request-URI SP SIP-Version: exactly two single spaces
      int sp2 = lastIndexOf(s, e, (byte) ' ');
      if (sp2 == sp1) {
        throw SipParseException.badRequest(sp1, "bad request line");
      }
      isRequest = true;
      method = method(s, sp1);
      version = version(sp2 + 1, e, true);
      if (sp2 == sp1 + 1) {
        throw SipParseException.badRequest(sp2, "bad request line");
      }
      for (int i = sp1 + 1; i < sp2; i++) {
        if (b[i] == ' ') {
          throw SipParseException.badRequest(i, "space in Request-URI");
        }
      }
      Cursor uriText = cursor(sp1 + 1, sp2);
      try {
        uri = UriParser.parse(uriText, 0, sp2 - sp1 - 1);
      } catch (SipParseException ex) {
        throw ex.shifted(sp1 + 1);
      }
      if (uri instanceof SipUri su && su.headers().isPresent()) {
        // RFC 3261 §19.1.1 table: headers are not allowed in a Request-URI
        throw SipParseException.badRequest(sp1 + 1, "headers not allowed in Request-URI");
      }
      // a SIP URI read from a whole text keeps that text, which makes this an identity check
      startLineVerbatim = versionUpperCase(sp2 + 1) && uri.toString().equals(uriText.text());
    }

    /** True if the (valid) version at {@code s} is written in upper case, as the writer writes it. */
    private boolean versionUpperCase(int s) {
      return b[s] >= 'A' && b[s] <= 'Z' && b[s + 1] >= 'A' && b[s + 1] <= 'Z' && b[s + 2] >= 'A' && b[s + 2] <= 'Z';
    }

    private boolean containsSlash(int s, int e) {
      for (int i = s; i < e; i++) {
        if (b[i] == '/') {
          return true;
        }
      }
      return false;
    }

    private boolean endsWithVersion(int s, int e) {
      int sp = lastIndexOf(s, e, (byte) ' ');
      return sp >= 0 && containsSlash(sp + 1, e);
    }

    private SipMethod method(int s, int e) {
      if (s == e) {
        throw SipParseException.badRequest(s, "missing method"); // Method = token, never empty
      }
      for (int i = s; i < e; i++) {
        if (!Chars.isToken((char) (b[i] & 0xff))) {
          throw SipParseException.badRequest(i, "bad method");
        }
      }
      SipMethod m = SipMethod.knownOrNull(b, s, e);
      return m != null ? m : SipMethod.of(ascii(s, e));
    }

    /** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; other versions are answered with 505. */
    private SipVersion version(int s, int e, boolean inRequest) {
      int len = e - s;
      if (len == 7 && b[s + 3] == '/' && b[s + 4] == '2' && b[s + 5] == '.' && b[s + 6] == '0'
          && (b[s] | 0x20) == 's' && (b[s + 1] | 0x20) == 'i' && (b[s + 2] | 0x20) == 'p') {
        return SipVersion.SIP_2_0;
      }
      if (len == 7 && b[s + 3] == '/' && b[s + 4] == '1' && b[s + 5] == '.' && b[s + 6] == '0'
          && (b[s] | 0x20) == 'p' && (b[s + 1] | 0x20) == 'i' && (b[s + 2] | 0x20) == 's') {
        return SipVersion.PIS_1_0;
      }
      // well-formed but unsupported: 505 (RFC 3261 §8.2.2.? and RFC 4475 §3.1.2.15)
      int slash = indexOf(s, e, (byte) '/');
      if (slash > s) {
        boolean nameOk = true;
        for (int i = s; i < slash; i++) {
          nameOk &= Chars.isAlpha((char) b[i]);
        }
        int dot = indexOf(slash, e, (byte) '.');
        if (nameOk && dot > slash + 1 && dot < e - 1 && allDigits(slash + 1, dot) && allDigits(dot + 1, e)) {
          throw new SipParseException(s, 505, "version not supported");
        }
      }
      throw SipParseException.badRequest(s, inRequest ? "bad request line" : "bad status line");
    }

    private void statusAndReason(int p, int e) {
      status = (b[p] - '0') * 100 + (b[p + 1] - '0') * 10 + (b[p + 2] - '0');
      if (status < 100) {
        throw SipParseException.badRequest(p, "bad status code");
      }
      int r = Math.min(p + 4, e);
      int reasonEnd = e;
      if (version == SipVersion.PIS_1_0) {
        reasonEnd = stripTid(r, e);
      }
      for (int i = r; i < reasonEnd; i++) {
        int c = b[i] & 0xff;
        if ((c < 0x20 && c != '\t') || c == 0x7f) {
          throw SipParseException.badRequest(i, "control character in reason phrase");
        }
      }
      reason = text(r, reasonEnd);
    }

    /** Takes a trailing " TID=n" off a PIS start line; returns where the rest ends. */
    private int stripTid(int s, int e) {
      int sp = lastIndexOf(s - 1, e, (byte) ' ');
      int t = sp < 0 ? s : sp + 1;
      if (e - t > 4 && b[t] == 'T' && b[t + 1] == 'I' && b[t + 2] == 'D' && b[t + 3] == '=' && allDigits(t + 4, e)
          && e - t - 4 <= 18) {
        startLineTid = Long.parseLong(ascii(t + 4, e));
        shortForm = true;
        return Math.max(s, sp < 0 ? s : sp);
      }
      return e;
    }

    private void shortRequest(int p, int e) {
      isRequest = true;
      shortForm = true;
      int rest = stripTid(p, e);
      method = method(p, rest);
      uri = null; // filled from To once the headers are read
    }

    private Uri shortFormTarget() {
      if (firstTo != null) {
        return firstTo.values(SipHeaders.TO, version).get(0).uri();
      }
      throw SipParseException.badRequest(startLineOffset, "short-form request needs a To header");
    }

    // ---- headers ----

    /**
     * Reads the header line at {@code pos}, {@code count} lines having been read; returns null
     * at the empty line that ends the header section, leaving {@code pos} on the body.
     */
    private HeaderField headerLine(int count) {
      if (pos >= end) {
        throw SipParseException.badRequest(pos, "header section not terminated");
      }
      int lineStart = pos;
      if (b[pos] == '\r' && pos + 1 < end && b[pos + 1] == '\n') {
        pos += 2;
        return null;
      }
      if (b[pos] == '\n') {
        if (!config.allowBareLf()) {
          throw SipParseException.badRequest(pos, "line must end with CRLF");
        }
        linesVerbatim = false;
        pos++;
        return null;
      }
      if (b[pos] == ' ' || b[pos] == '\t') {
        throw SipParseException.badRequest(pos, "continuation line without a header");
      }
      if (count >= config.maxHeaderCount()) {
        throw new SipParseException(pos, 413, "too many headers");
      }
      // field-name
      int nameEnd = pos;
      while (nameEnd < end && isTokenByte(b[nameEnd])) {
        nameEnd++;
      }
      if (nameEnd == pos) {
        throw SipParseException.badRequest(pos, "bad header name");
      }
      int p = nameEnd;
      while (p < end && (b[p] == ' ' || b[p] == '\t')) {
        p++;
      }
      // an LF at or after lineLimit would make the line longer than maxLineBytes
      int lineLimit = (int) Math.min((long) lineStart + config.maxLineBytes(), (long) end + 1);
      if (p >= lineLimit) {
        throw new SipParseException(lineStart, 413, "header line too long");
      }
      if (p >= end || b[p] != ':') {
        throw SipParseException.badRequest(p, "expected colon after header name");
      }
      int colon = p;
      p++;
      // field-value up to the end of line, plus folded continuation lines
      int valueStart = p;
      boolean folded = false;
      boolean high = false;
      int lineEnd;
      int lastLf;
      while (true) {
        int lf = -1;
        int scanEnd = Math.min(end, lineLimit);
        int i = p;
        while (i < scanEnd) {
          if (i + 8 <= scanEnd) {
            // skip runs of printable ASCII eight bytes at a time
            long special = special((long) LONGS.get(b, i));
            if (special == 0) {
              i += 8;
              continue;
            }
            i += Long.numberOfTrailingZeros(special) >>> 3;
          }
          byte c = b[i];
          if (c == '\n') {
            lf = i;
            break;
          }
          if (c < 0) {
            high = true;
          } else if (c < 0x20 || c == 0x7f) {
            if (!(c == '\r' ? i + 1 < end && b[i + 1] == '\n' : c == '\t' || (i > valueStart && b[i - 1] == '\\'))) {
              // not the CR of a line end, HTAB, or a quoted-pair escaping a control character
              throw SipParseException.badRequest(i, "control character in header");
            }
          }
          i++;
        }
        if (lf < 0 && end > lineLimit) {
          throw new SipParseException(lineStart, 413, "header line too long");
        }
        if (lf < 0) {
          throw SipParseException.badRequest(end, "header section not terminated");
        }
        lineEnd = lineContentEnd(lf);
        lastLf = lf;
        p = lf + 1;
        if (p - lineStart > config.maxLineBytes()) {
          throw new SipParseException(lineStart, 413, "header line too long");
        }
        if (p < end && (b[p] == ' ' || b[p] == '\t')) {
          folded = true;
          continue;
        }
        break;
      }
      pos = p;
      HeaderName name = HeaderName.lookupKnown(b, lineStart, nameEnd - lineStart);
      if (name == null) {
        name = HeaderName.of(ascii(lineStart, nameEnd));
      }
      if (!folded) {
        int vs = trimStart(valueStart, lineEnd);
        int ve = trimEnd(vs, lineEnd);
        // the writer writes "Name: value" CRLF, the name spelled canonically
        boolean verbatim = lineEnd == lastLf - 1 && colon == nameEnd && vs == colon + 2 && b[colon + 1] == ' '
            && ve == lineEnd && (!name.isKnown() || name.spelledAs(b, lineStart, nameEnd - lineStart));
        return field(name, high ? decode(b, vs, ve, true, vs) : null, !high, lineStart, vs, ve,
            verbatim ? p : -1, vs, lineEnd);
      }
      // LWS folding (RFC 3261 §7.3.1): drop the line breaks, keep the white space after them
      byte[] scratch = new byte[lastLf - valueStart];
      int n = 0;
      for (int i = valueStart; i < lastLf; i++) {
        if (b[i] != '\r' && b[i] != '\n') {
          scratch[n++] = b[i];
        }
      }
      int vs = 0;
      while (vs < n && (scratch[vs] == ' ' || scratch[vs] == '\t')) {
        vs++;
      }
      int ve = n;
      while (ve > vs && (scratch[ve - 1] == ' ' || scratch[ve - 1] == '\t')) {
        ve--;
      }
      String value = decode(scratch, vs, ve, high, valueStart);
      linesVerbatim = false;
      // the error offset is exact on the first line of a folded value
      return field(name, value, !high, -1, -1, -1, -1, valueStart + vs, lineEnd);
    }

    /**
     * A header field with its typed value parsed. The value is {@code value}, or if that is null
     * the ASCII bytes {@code b[vs, ve)}; {@code lineStart} is -1 if the value is not in the bytes,
     * {@code lineEnd} -1 if the line is not written back as read. Errors in the value are moved to
     * message offsets: {@code valueOffset} is where the value starts, and they never pass the
     * line's end {@code contentEnd} (folding and an implied {@code sip:} make the text differ from
     * the bytes).
     */
    private HeaderField field(HeaderName name, String value, boolean ascii, int lineStart, int vs, int ve,
        int lineEnd, int valueOffset, int contentEnd) {
      int index = name.knownIndex();
      HeaderType<?> type = index < 0 ? null : TYPES[index];
      if (type == null || (version != SipVersion.PIS_1_0 && PIS_HEADERS[index])) {
        // PIS headers are only validated in PIS/1.0 messages: elsewhere those names are just extensions
        if (lineEnd < 0) {
          linesVerbatim = false;
        }
        return lineStart < 0 ? HeaderField.read(name, value, ascii, null, 0, 0, 0, -1, null, null, version)
            : HeaderField.read(name, value, ascii, src, lineStart - base, vs - base, ve - base,
                lineEnd - base, null, null, version);
      }
      int added = 0;
      if (version == SipVersion.PIS_1_0 && config.allowPisShortForm()
          && (name == HeaderName.TO || name == HeaderName.FROM || name == HeaderName.CONTACT)) {
        // a value read from bytes stays bytes unless it needs the scheme
        if (value != null ? needsSipScheme(value) : needsSipScheme(vs, ve)) {
          value = "sip:" + (value != null ? value : ascii(vs, ve));
          added = 4;
          lineStart = -1; // the value is no longer its bytes
        }
      }
      List<?> values;
      try {
        // an ASCII value is read from its bytes: no string of the whole value is made
        Cursor c = value == null ? cursor(vs, ve) : new Cursor(value);
        // the top Via is read by every layer: built now, the lines below it when asked for
        if (type.checksWithoutBuilding() && (name != HeaderName.VIA || seenVia)) {
          // checked now, strictly; the values are built if someone asks for them
          type.checkLine(c, version);
          values = null;
        } else {
          values = type.parseLine(c, version);
        }
      } catch (SipParseException ex) {
        int at = valueOffset + Math.max(0, ex.offset() - added);
        throw new SipParseException(Math.min(at, contentEnd), ex.status(), ex.reason());
      } catch (IllegalArgumentException ex) {
        throw SipParseException.badRequest(valueOffset, "bad " + name.name() + " header");
      }
      if (lineStart < 0 || lineEnd < 0) {
        linesVerbatim = false;
      }
      HeaderField f = lineStart < 0 ? HeaderField.read(name, value, ascii, null, 0, 0, 0, -1, type, values, version)
          : HeaderField.read(name, value, ascii, src, lineStart - base, vs - base, ve - base,
              lineEnd < 0 ? -1 : lineEnd - base, type, values, version);
      if (name == HeaderName.CONTENT_LENGTH) {
        if (contentLength < 0) {
          contentLength = (Integer) values.get(0);
        }
      } else if (name == HeaderName.CSEQ) {
        if (cseq == null) {
          cseq = (CSeq) values.get(0);
        }
      } else if (name == HeaderName.VIA) {
        seenVia = true;
      } else if (name == HeaderName.TO && firstTo == null) {
        firstTo = f;
      }
      return f;
    }

    /**
     * A cursor over the bytes {@code b[s, e)}: the one of this run, reset. It reads our copy of
     * them, which never changes, so values may keep places in it instead of strings.
     */
    private Cursor cursor(int s, int e) {
      Cursor c = cursor;
      if (c == null) {
        c = Cursor.ofLatin1(src, s - base, e - base);
        cursor = c;
      }
      return c.reset(src, s - base, e - base, true);
    }

    /**
     * draft-pis-00 writes addresses without a scheme ({@code To: rc@latrine1.loo.com}): true if
     * the value is one, to be read as sip:.
     */
    private boolean needsSipScheme(String value) {
      if (value.isEmpty() || value.charAt(0) == '<' || value.charAt(0) == '"' || value.charAt(0) == '*') {
        return false;
      }
      int colon = value.indexOf(':');
      int at = value.indexOf('@');
      return at > 0 && (colon < 0 || colon > at) && value.indexOf('<') < 0;
    }

    /** {@link #needsSipScheme(String)} for the ASCII value {@code b[vs, ve)}. */
    private boolean needsSipScheme(int vs, int ve) {
      if (vs == ve || b[vs] == '<' || b[vs] == '"' || b[vs] == '*') {
        return false;
      }
      int colon = indexOf(vs, ve, (byte) ':');
      int at = indexOf(vs, ve, (byte) '@');
      return at > vs && (colon < 0 || colon > at) && indexOf(vs, ve, (byte) '<') < 0;
    }

    // ---- body ----

    private int bodyLength(int bodyStart) {
      int available = end - bodyStart;
      int declared = contentLength;
      if (declared < 0) {
        return available;
      } else if (declared > available) {
        throw SipParseException.badRequest(end, "Content-Length larger than message");
      } else if (!datagram && declared < available) {
        throw SipParseException.badRequest(bodyStart + declared, "bytes after the body");
      }
      return declared;
    }

    private void checkCSeqMethod() {
      if (cseq != null && !cseq.method().equals(method)) {
        throw SipParseException.badRequest(startLineOffset, "CSeq method does not match request");
      }
    }

    // ---- bytes ----

    private int indexOf(int s, int e, byte c) {
      for (int i = s; i < e; i++) {
        if (b[i] == c) {
          return i;
        }
      }
      return -1;
    }

    private int lastIndexOf(int s, int e, byte c) {
      for (int i = e - 1; i >= s; i--) {
        if (b[i] == c) {
          return i;
        }
      }
      return -1;
    }

    private boolean allDigits(int s, int e) {
      if (s >= e) {
        return false;
      }
      for (int i = s; i < e; i++) {
        if (!isDigit(b[i])) {
          return false;
        }
      }
      return true;
    }

    private int trimStart(int s, int e) {
      while (s < e && (b[s] == ' ' || b[s] == '\t')) {
        s++;
      }
      return s;
    }

    private int trimEnd(int s, int e) {
      while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
        e--;
      }
      return e;
    }

    private String ascii(int s, int e) {
      return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }

    private String text(int s, int e) {
      boolean high = false;
      for (int i = s; i < e; i++) {
        high |= b[i] < 0;
      }
      return text(s, e, high);
    }

    private String text(int s, int e, boolean high) {
      return decode(b, s, e, high, s);
    }

    /** ASCII fast path; otherwise strict UTF-8 (TEXT-UTF8, RFC 3261 §25.1). */
    private String decode(byte[] bytes, int s, int e, boolean high, int offsetForErrors) {
      if (!high) {
        return new String(bytes, s, e - s, StandardCharsets.ISO_8859_1);
      }
      try {
        CharBuffer cb = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(bytes, s, e - s));
        return cb.toString();
      } catch (CharacterCodingException ex) {
        throw SipParseException.badRequest(offsetForErrors, "invalid UTF-8");
      }
    }
  }

  /**
   * The bytes of {@code x} (eight, little-endian) that are not printable ASCII, marked by their
   * high bit: below 0x20 (CR, LF, HTAB, other controls), 0x7F, or 0x80 and above. Borrows may
   * mark bytes above a marked one too, so only the lowest mark is exact.
   */
  private static long special(long x) {
    long below20 = x - 0x2020_2020_2020_2020L;
    long del = x ^ 0x7F7F_7F7F_7F7F_7F7FL;
    return (below20 | (del - ONES) & ~del | x) & HIGH_BITS;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isTokenByte(byte c) {
    return c > 0 && Chars.isToken((char) c);
  }
}
