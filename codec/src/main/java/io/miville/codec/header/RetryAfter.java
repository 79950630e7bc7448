package io.miville.codec.header;

import io.miville.codec.SipVersion;
import io.miville.codec.internal.Cursor;
import java.util.Optional;

/**
 * The Retry-After header (RFC 3261 §20.33): seconds to wait, an optional comment and
 * parameters such as {@code duration}.
 *
 * @param seconds delta-seconds, saturating at 2^32-1
 * @param comment the comment without its parentheses, empty if none
 * @param params the retry parameters
 */
public record RetryAfter(long seconds, String comment, Parameters params) {
  /**
   * @throws IllegalArgumentException if {@code seconds} is not a delta-seconds value the header
   *     can carry (0 to 2^32-1)
   */
  public RetryAfter {
    if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("Retry-After seconds out of range: " + seconds);
    }
    java.util.Objects.requireNonNull(comment, "comment");
    java.util.Objects.requireNonNull(params, "params");
  }

  public static RetryAfter of(long seconds) {
    return new RetryAfter(seconds, "", Parameters.empty());
  }

  public Optional<Long> duration() {
    return params.get("duration").map(v -> Grammar.deltaSeconds(new Cursor(v), "duration"));
  }

  static RetryAfter parse(Cursor c, SipVersion version) {
    long seconds = Grammar.deltaSeconds(c, "Retry-After seconds");
    String comment = "";
    int save = c.pos();
    c.skipWs();
    if (c.peek() == '(') {
      int start = c.pos() + 1;
      int depth = 0;
      while (true) {
        char ch = c.next();
        if (ch == '\\') {
          c.next();
        } else if (ch == '(') {
          depth++;
        } else if (ch == ')' && --depth == 0) {
          break;
        }
      }
      comment = c.substring(start, c.pos() - 1);
    } else {
      c.pos(save);
    }
    Parameters params = Grammar.genericParams(c);
    // retry-param = ("duration" EQUAL delta-seconds) / generic-param: checked here so that
    // duration() never fails on a parsed message
    int at = c.pos();
    params.get("duration").ifPresentOrElse(v -> {
      for (int i = 0; i < v.length(); i++) {
        if (!io.miville.codec.internal.Chars.isDigit(v.charAt(i))) {
          c.pos(at);
          throw c.fail("bad duration parameter");
        }
      }
    }, () -> {
      if (params.has("duration")) {
        throw c.fail("duration parameter needs a value");
      }
    });
    return new RetryAfter(seconds, comment, params);
  }

  @Override
  public String toString() {
    return seconds + (comment.isEmpty() ? "" : " (" + comment + ")") + params;
  }
}
