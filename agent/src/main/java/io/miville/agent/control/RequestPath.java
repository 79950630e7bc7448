package io.miville.agent.control;

import io.miville.agent.api.AgentException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The segments of a request path, each percent-decoded as UTF-8 (RFC 3986 §2.1), so that a
 * contact named {@code Bob / studio} is addressed as {@code /contacts/Bob%20%2F%20studio}. The
 * raw path is split before decoding: an encoded {@code %2F} stays inside its segment. A {@code +}
 * is a plus sign, not a space (that rule is for form data, not paths).
 */
final class RequestPath {
  private RequestPath() {}

  /**
   * The decoded segments of {@code rawPath}; one trailing slash is ignored. Empty when the path
   * has an empty segment ({@code //}), which matches no route.
   *
   * @throws AgentException 400 for a malformed escape or bytes that are not UTF-8
   */
  static Optional<List<String>> segments(String rawPath) {
    if (rawPath == null || !rawPath.startsWith("/")) {
      return Optional.empty();
    }
    String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
    List<String> out = new ArrayList<>();
    if (path.equals("/")) {
      return Optional.of(out);
    }
    for (String raw : path.substring(1).split("/", -1)) {
      if (raw.isEmpty()) {
        return Optional.empty();
      }
      out.add(decode(raw));
    }
    return Optional.of(out);
  }

  static String decode(String raw) {
    if (raw.indexOf('%') < 0) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    int i = 0;
    while (i < raw.length()) {
      int percent = raw.indexOf('%', i);
      int runEnd = percent < 0 ? raw.length() : percent;
      // the JDK server hands over the raw path as it came; anything unescaped is taken as UTF-8
      bytes.writeBytes(raw.substring(i, runEnd).getBytes(StandardCharsets.UTF_8));
      if (percent < 0) {
        break;
      }
      int hi = percent + 2 < raw.length() ? Character.digit(raw.charAt(percent + 1), 16) : -1;
      int lo = percent + 2 < raw.length() ? Character.digit(raw.charAt(percent + 2), 16) : -1;
      if (hi < 0 || lo < 0) {
        throw AgentException.badRequest("malformed escape in the request path");
      }
      bytes.write(hi << 4 | lo);
      i = percent + 3;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw AgentException.badRequest("the request path is not UTF-8");
    }
  }
}
