package io.miville.codec.header;

import io.miville.codec.SipParseException;
import io.miville.codec.SipVersion;
import io.miville.codec.internal.Chars;
import io.miville.codec.internal.Cursor;
import java.util.List;
import java.util.Objects;

/**
 * A Warning value. In SIP (RFC 3261 §20.43) it is {@code warn-code warn-agent "warn-text"};
 * in a PIS/1.0 message it may instead name conditions of a proxy in motion, as
 * draft-pis-00 §2.1 shows ({@code Warning: Turbulence | Rough-Seas}).
 */
public final class Warning {
  private final int code;
  private final String agent;
  private final String text; // unquoted
  private final List<String> conditions;

  private Warning(int code, String agent, String text, List<String> conditions) {
    this.code = code;
    this.agent = agent;
    this.text = text;
    this.conditions = conditions;
  }

  /**
   * An RFC 3261 warning: a three-digit code, the agent (host[:port] or a pseudonym token) and a
   * text.
   *
   * @throws IllegalArgumentException if the code does not have three digits or the agent is
   *     neither a hostport nor a token
   */
  public static Warning of(int code, String agent, String text) {
    if (code < 100 || code > 999) {
      throw new IllegalArgumentException("warn-code must have three digits");
    }
    if (!isWarnAgent(agent)) {
      throw new IllegalArgumentException("warn-agent must be a hostport or a token");
    }
    return new Warning(code, agent, Objects.requireNonNull(text), List.of());
  }

  /** A PIS warning naming conditions such as {@code Turbulence} or {@code Rough-Seas}. */
  public static Warning pis(List<String> conditions) {
    return new Warning(0, null, null, List.copyOf(conditions));
  }

  /** True for a PIS condition list rather than an RFC 3261 warning. */
  public boolean isPisConditions() {
    return agent == null;
  }

  /** The three-digit warn-code (0 for a PIS condition list). */
  public int code() {
    return code;
  }

  public String agent() {
    return agent == null ? "" : agent;
  }

  public String text() {
    return text == null ? "" : text;
  }

  /** The PIS conditions, empty for an RFC 3261 warning. */
  public List<String> conditions() {
    return conditions;
  }

  static Warning parse(Cursor c, SipVersion version) {
    if (Chars.isDigit(c.peek())) {
      int start = c.pos();
      long code = c.digits(3, "warn-code");
      if (c.pos() - start == 3 && c.peek() == ' ') {
        try {
          return rfc3261((int) code, c);
        } catch (SipParseException e) {
          if (version != SipVersion.PIS_1_0) {
            throw e;
          }
          // a PIS condition list may start with three digits and a space ("370 | Turbulence")
        }
      }
      c.pos(start);
      if (version != SipVersion.PIS_1_0) {
        throw c.fail("warn-code must have three digits");
      }
    }
    if (version != SipVersion.PIS_1_0) {
      throw c.fail("expected warn-code");
    }
    // PIS: the rest of the line is a list of conditions separated by | or ,
    return pis(PisLists.split(c, "|,"));
  }

  /** The rest of {@code warn-code SP warn-agent SP warn-text}, the cursor just after the code. */
  private static Warning rfc3261(int code, Cursor c) {
    c.expect(' ', "expected space after warn-code");
    String agent = warnAgent(c);
    c.expect(' ', "expected space after warn-agent");
    if (c.peek() != '"') {
      throw c.fail("expected quoted warn-text");
    }
    String raw = c.quotedRaw();
    return new Warning(code, agent, Parameters.unquote('"' + raw + '"'), List.of());
  }

  private static String warnAgent(Cursor c) {
    int start = c.pos();
    while (!c.atEnd() && c.peek() != ' ' && c.peek() != '\t') {
      c.next();
    }
    String agent = c.substring(start, c.pos());
    if (!isWarnAgent(agent)) {
      c.pos(start);
      throw c.fail("bad warn-agent");
    }
    return agent;
  }

  /** warn-agent = hostport / pseudonym (token). */
  private static boolean isWarnAgent(String agent) {
    return Chars.isToken(agent) || io.miville.codec.uri.UriParser.isHost(agent, 0, agent.length()) || isHostPort(agent);
  }

  private static boolean isHostPort(String agent) {
    int colon = agent.lastIndexOf(':');
    if (colon <= 0 || colon == agent.length() - 1) {
      return false;
    }
    for (int i = colon + 1; i < agent.length(); i++) {
      if (!Chars.isDigit(agent.charAt(i))) {
        return false;
      }
    }
    return io.miville.codec.uri.UriParser.isHost(agent, 0, colon);
  }

  void write(StringBuilder b) {
    if (isPisConditions()) {
      b.append(String.join(" | ", conditions));
    } else {
      // warn-code = 3DIGIT: a code read as "052" is written with its leading zero
      b.append((char) ('0' + code / 100)).append((char) ('0' + code / 10 % 10)).append((char) ('0' + code % 10))
          .append(' ').append(agent).append(' ').append(Parameters.quote(text));
    }
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    write(b);
    return b.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Warning w && w.code == code && Objects.equals(w.agent, agent)
        && Objects.equals(w.text, text) && w.conditions.equals(conditions);
  }

  @Override
  public int hashCode() {
    return Objects.hash(code, agent, text, conditions);
  }
}
