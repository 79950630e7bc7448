package io.miville.session;

import io.miville.codec.SipMessage;
import io.miville.codec.SipResponse;
import io.miville.codec.header.NamedValue;
import io.miville.codec.header.Parameters;
import io.miville.codec.header.SipHeaders;
import io.miville.codec.header.Warning;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Readable reasons in and out of messages: Reason (RFC 3326) and Warning (RFC 3261 §20.43). */
final class Reasons {
  /** warn-code 399, "Miscellaneous warning": free text for a person (§20.43). */
  static final int MISC_WARNING = 399;

  private Reasons() {}

  /** {@code Reason: SIP ;cause=<cause> ;text="<text>"} (RFC 3326 §2). */
  static NamedValue reason(int cause, String text) {
    return NamedValue.of("SIP").withParam("cause", Integer.toString(cause))
        .withParam("text", Parameters.quote(clean(text)));
  }

  /** {@code Warning: 399 <agent> "<text>"}. */
  static Warning warning(String agent, String text) {
    return Warning.of(MISC_WARNING, agent, clean(text));
  }

  /** Text fit for a quoted-string on one header line: control characters (CR, LF...) become spaces, length capped. */
  static String clean(String text) {
    StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_TEXT));
    for (int i = 0; i < text.length() && b.length() < MAX_TEXT; i++) {
      char c = text.charAt(i);
      b.append(Character.isISOControl(c) ? ' ' : c);
    }
    return b.toString().strip();
  }

  private static final int MAX_TEXT = 200;

  /** The text of the message's Reason header, if it has one with a text (RFC 3326). */
  static Optional<String> reasonText(SipMessage message) {
    try {
      return message.headers(SipHeaders.REASON).stream()
          .map(r -> r.params().unquoted("text")).flatMap(Optional::stream)
          .filter(t -> !t.isBlank()).findFirst();
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  /** The texts of the message's RFC 3261 Warning headers, joined. */
  static Optional<String> warningText(SipMessage message) {
    try {
      List<Warning> warnings = message.headers(SipHeaders.WARNING);
      String text = warnings.stream().filter(w -> !w.isPisConditions()).map(Warning::text)
          .filter(t -> !t.isBlank()).collect(Collectors.joining("; "));
      return text.isEmpty() ? Optional.empty() : Optional.of(text);
    } catch (RuntimeException malformed) {
      return Optional.empty();
    }
  }

  /** The best text a person can read for {@code response}: Reason, Warning, else the phrase. */
  static String readable(SipResponse response) {
    return reasonText(response).or(() -> warningText(response))
        .orElseGet(() -> response.reason().isBlank() ? "status " + response.status() : response.reason());
  }

  static Refusal refusal(SipResponse response) {
    return new Refusal(response.status(), readable(response));
  }
}
