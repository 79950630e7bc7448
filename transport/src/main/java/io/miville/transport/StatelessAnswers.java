package io.miville.transport;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParseException;
import io.miville.codec.SipResponse;
import io.miville.codec.SipVersion;
import io.miville.codec.StatusCodes;
import io.miville.codec.header.Address;
import io.miville.codec.header.CSeq;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Via;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Answers to requests the parser refused (RFC 3261 §8.2.2, §16.3, §21.4.1): a 400, 413, 414 or
 * 505 built without a transaction from the Via, From, To, Call-ID and CSeq headers that can be
 * salvaged from the raw bytes, each read leniently on its own. A request whose five headers
 * cannot all be salvaged, a response, and an ACK get no answer.
 *
 * <p>The reason phrase is the codec's fixed reason (or the standard phrase): raw input is never
 * echoed except inside the salvaged headers, which were each parsed and re-written.
 */
final class StatelessAnswers {
  private StatelessAnswers() {}

  /** Lines looked at: enough for the headers of any real request. */
  private static final int MAX_LINES = 256;

  /**
   * True if the bytes start like a status line ({@code SIP/2.0 200 ...}, or the draft-pis-00
   * short {@code 100 INFO}): malformed responses are dropped, never answered (RFC 3261 §18.3).
   */
  static boolean looksLikeResponse(byte[] b, int off, int len) {
    int end = off + len;
    int p = off;
    while (p < end && (b[p] == '\r' || b[p] == '\n')) {
      p++;
    }
    int sp = p;
    boolean slash = false;
    while (sp < end && b[sp] != ' ' && b[sp] != '\r' && b[sp] != '\n') {
      slash |= b[sp] == '/';
      sp++;
    }
    if (sp - p == 3 && isDigit(b[p]) && isDigit(b[p + 1]) && isDigit(b[p + 2])) {
      return true;
    }
    return slash && sp + 1 < end && b[sp] == ' ' && isDigit(b[sp + 1]);
  }

  /**
   * The answer to the malformed request in {@code b[off, off+len)}, if one can be built, with
   * {@code received} and {@code rport} in its top Via as if the request had been read.
   */
  static Optional<SipResponse> answer(byte[] b, int off, int len, SipParseException cause, InetSocketAddress source) {
    if (looksLikeResponse(b, off, len)) {
      return Optional.empty();
    }
    Salvage s = new Salvage();
    int end = off + len;
    int p = off;
    while (p < end && (b[p] == '\r' || b[p] == '\n')) {
      p++;
    }
    // the start line: only its method matters (an ACK is never answered, RFC 3261 §17.2.1)
    int lf = indexOf(b, p, end, (byte) '\n');
    if (lf < 0) {
      return Optional.empty();
    }
    int sp = indexOf(b, p, lf, (byte) ' ');
    if (sp - p == 3 && b[p] == 'A' && b[p + 1] == 'C' && b[p + 2] == 'K') {
      return Optional.empty();
    }
    p = lf + 1;
    // header lines, unfolded; a line cut off by the end of the bytes is not used
    int lines = 0;
    while (p < end && lines++ < MAX_LINES) {
      int lineEnd = indexOf(b, p, end, (byte) '\n');
      if (lineEnd < 0) {
        break;
      }
      int contentEnd = lineEnd > p && b[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
      if (contentEnd == p) {
        break; // end of the header section
      }
      StringBuilder value = null;
      int colon = indexOf(b, p, contentEnd, (byte) ':');
      String name = colon < 0 ? null : text(b, p, colon);
      if (name != null) {
        value = new StringBuilder();
        String first = text(b, colon + 1, contentEnd);
        value.append(first == null ? "\u0000" : first);
      }
      p = lineEnd + 1;
      while (p < end && (b[p] == ' ' || b[p] == '\t')) {
        int contEnd = indexOf(b, p, end, (byte) '\n');
        if (contEnd < 0) {
          p = end;
          break;
        }
        int cEnd = contEnd > p && b[contEnd - 1] == '\r' ? contEnd - 1 : contEnd;
        if (value != null) {
          String more = text(b, p, cEnd);
          value.append(' ').append(more == null ? "\u0000" : more);
        }
        p = contEnd + 1;
        lines++;
      }
      if (name != null && value.indexOf("\u0000") < 0) {
        s.offer(name.strip(), value.toString().strip());
      }
    }
    if (s.vias.isEmpty() || s.from == null || s.to == null || s.callId == null || s.cseq == null
        || s.cseq.method().equals(SipMethod.ACK)) {
      return Optional.empty();
    }
    int status = cause.status() >= 400 && cause.status() <= 699 ? cause.status() : 400;
    Address to = s.to.tag().isPresent() ? s.to : s.to.withTag(randomTag());
    s.vias.set(0, ViaRouting.stampTop(s.vias.get(0), source));
    return Optional.of(SipResponse.builder(status)
        .reason(reasonPhrase(status, cause.reason()))
        .headers(SipHeaders.VIA, s.vias)
        .header(SipHeaders.FROM, s.from)
        .header(SipHeaders.TO, to)
        .header(SipHeaders.CALL_ID, s.callId)
        .header(SipHeaders.CSEQ, s.cseq)
        .build());
  }

  /** The codec's reason if it is plainly a short fixed phrase, else the standard phrase. */
  static String reasonPhrase(int status, String reason) {
    if (reason != null && !reason.isEmpty() && reason.length() <= 48) {
      boolean plain = true;
      for (int i = 0; i < reason.length() && plain; i++) {
        char c = reason.charAt(i);
        plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-';
      }
      if (plain) {
        return reason;
      }
    }
    return StatusCodes.reasonPhrase(status);
  }

  /** The headers found so far; each read on its own, the first good one of each kind wins. */
  private static final class Salvage {
    final List<Via> vias = new ArrayList<>();
    boolean viasBroken;
    Address from;
    Address to;
    String callId;
    CSeq cseq;

    void offer(String rawName, String value) {
      HeaderName name;
      try {
        name = HeaderName.of(rawName);
      } catch (RuntimeException e) {
        return;
      }
      try {
        if (name.equals(HeaderName.VIA)) {
          if (!viasBroken) {
            vias.addAll(SipHeaders.VIA.parseLine(value, SipVersion.SIP_2_0));
          }
        } else if (name.equals(HeaderName.FROM) && from == null) {
          from = SipHeaders.FROM.parse(value);
        } else if (name.equals(HeaderName.TO) && to == null) {
          to = SipHeaders.TO.parse(value);
        } else if (name.equals(HeaderName.CALL_ID) && callId == null) {
          callId = SipHeaders.CALL_ID.parse(value);
        } else if (name.equals(HeaderName.CSEQ) && cseq == null) {
          cseq = SipHeaders.CSEQ.parse(value);
        }
      } catch (RuntimeException e) {
        // a broken Via line ends the list: later ones cannot be trusted to be in order;
        // if it was the top one there is nowhere to send the answer
        if (name.equals(HeaderName.VIA)) {
          viasBroken = true;
        }
      }
    }
  }

  private static String randomTag() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
  }

  /** ASCII, else strict UTF-8; null if the bytes are not text. */
  private static String text(byte[] b, int s, int e) {
    boolean high = false;
    for (int i = s; i < e; i++) {
      if (b[i] < 0) {
        high = true;
      } else if (b[i] == 0) {
        return null;
      }
    }
    if (!high) {
      return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, s, e - s)).toString();
    } catch (CharacterCodingException ex) {
      return null;
    }
  }

  private static int indexOf(byte[] b, int s, int e, byte c) {
    for (int i = s; i < e; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }
}
