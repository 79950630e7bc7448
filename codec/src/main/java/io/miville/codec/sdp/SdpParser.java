package io.miville.codec.sdp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a session description strictly by RFC 8866 §5 and §9: the type letters in their fixed
 * order, each field by its grammar. The first problem stops the parse with an
 * {@link SdpParseException} naming the line.
 *
 * <p>What it refuses, among others: a type letter it does not know (RFC 8866 §5 lets a parser
 * ignore or reject such a description; this one rejects), space around {@code =}, lines out of
 * order or repeated where only one is allowed, a missing {@code v=}, {@code o=}, {@code s=} or
 * {@code t=}, a {@code z=} line without {@code r=} before it, media without a connection
 * address, fields separated by anything but one space, bare CR, NUL, and bytes that are not
 * UTF-8 (the default charset of SDP text, RFC 8866 §5; {@code a=charset} is not honoured).
 *
 * <p>Attribute values are opaque here (RFC 8866 §5.13): a malformed {@code a=rtpmap} does not
 * make the description malformed; the typed views skip it.
 *
 * <p>Leniencies, each one deliberate:
 *
 * <ul>
 *   <li>Lines may end in a bare LF as well as CRLF (RFC 8866 §5 asks parsers to be tolerant).
 *   <li>The last line may lack its line end, and empty lines at the very end are ignored
 *       (RFC 4475's {@code multi01} body ends with one); an empty line elsewhere is refused.
 *   <li>An empty {@code s=} line is accepted and kept: RFC 8866 wants at least one character,
 *       but the examples of RFC 3264 §10 and RFC 5118 §4, and many deployed agents, send
 *       {@code s=} with nothing after it.
 *   <li>{@code k=} lines (obsolete, RFC 8866 §5.12) are accepted where the grammar puts them
 *       and dropped.
 * </ul>
 */
public final class SdpParser {
  private SdpParser() {}

  // Session-level type letters in RFC 8866 §5 order; the index is the rank.
  private static final String SESSION_ORDER = "vosiuepcbtrzka";
  private static final String SESSION_REPEATABLE = "epba";
  // Media-level type letters after m=, in order.
  private static final String MEDIA_ORDER = "icbka";
  private static final String MEDIA_REPEATABLE = "cba";

  /**
   * Parses a description from UTF-8 bytes.
   *
   * @throws SdpParseException with the line number if malformed
   */
  public static Sdp parse(byte[] body) {
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body)).toString();
      return parse(text);
    } catch (CharacterCodingException e) {
      throw new SdpParseException(lineOfBadUtf8(body), "not UTF-8 text");
    }
  }

  private static int lineOfBadUtf8(byte[] body) {
    int line = 1;
    int start = 0;
    for (int i = 0; i <= body.length; i++) {
      if (i == body.length || body[i] == '\n') {
        try {
          StandardCharsets.UTF_8.newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(body, start, i - start));
        } catch (CharacterCodingException e) {
          return line;
        }
        line++;
        start = i + 1;
      }
    }
    return line;
  }

  /**
   * Parses a description from text.
   *
   * @throws SdpParseException with the line number if malformed
   */
  public static Sdp parse(String text) {
    return new Run(text).parse();
  }

  /**
   * Splits a field value on single spaces into {@code min..max} non-empty parts.
   *
   * @throws IllegalArgumentException if there are too few or too many parts, or two spaces in a
   *     row, or a space at either end
   */
  static String[] fields(String value, int min, int max, String reason) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException(reason);
    }
    String[] f = value.split(" ", -1);
    for (String s : f) {
      if (s.isEmpty()) {
        throw new IllegalArgumentException("fields must be separated by one space");
      }
    }
    if (f.length < min || f.length > max) {
      throw new IllegalArgumentException(reason);
    }
    return f;
  }

  /** One parse: the position in the text and what was read so far. */
  private static final class Run {
    private final String text;
    private int pos;
    private int lineNo;

    private char lastSession;
    private boolean seenTime;
    private Origin origin;
    private String sessionName;
    private Optional<String> information = Optional.empty();
    private Optional<String> uri = Optional.empty();
    private final List<String> emails = new ArrayList<>();
    private final List<String> phones = new ArrayList<>();
    private Optional<Connection> connection = Optional.empty();
    private final List<Bandwidth> bandwidths = new ArrayList<>();
    private final List<TimeDescription> times = new ArrayList<>();
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<MediaDescription> media = new ArrayList<>();
    private final List<Integer> mediaLines = new ArrayList<>();

    // the time description being read
    private long timeStart;
    private long timeStop;
    private final List<RepeatTime> repeats = new ArrayList<>();
    private final List<ZoneAdjustment> zones = new ArrayList<>();
    private boolean pendingTime;

    // the media description being read
    private MediaDescription.Builder current;
    private char lastMedia;

    Run(String text) {
      this.text = text;
    }

    Sdp parse() {
      if (text.isEmpty()) {
        throw new SdpParseException(1, "empty session description");
      }
      while (pos < text.length()) {
        String line = nextLine();
        if (line == null) {
          break;
        }
        try {
          dispatch(line);
        } catch (IllegalArgumentException e) {
          throw new SdpParseException(lineNo, e.getMessage());
        }
      }
      int end = lineNo + 1;
      if (origin == null) {
        throw new SdpParseException(end, lineNo == 0 ? "empty session description"
            : lineNo == 1 ? "missing o= line" : "missing s= line");
      }
      if (sessionName == null) {
        throw new SdpParseException(end, "missing s= line");
      }
      if (!seenTime) {
        throw new SdpParseException(end, "missing t= line");
      }
      endTime();
      endMedia();
      if (connection.isEmpty()) {
        for (int i = 0; i < media.size(); i++) {
          if (media.get(i).connections().isEmpty()) {
            throw new SdpParseException(mediaLines.get(i), "media without a c= line");
          }
        }
      }
      try {
        return new Sdp(0, origin, sessionName, information, uri, emails, phones, connection,
            bandwidths, times, attributes, media);
      } catch (IllegalArgumentException e) {
        throw new SdpParseException(end, e.getMessage());
      }
    }

    /** The next line without its line end, or null at the trailing empty lines. */
    private String nextLine() {
      int nl = text.indexOf('\n', pos);
      int end = nl < 0 ? text.length() : nl;
      int contentEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
      String line = text.substring(pos, contentEnd);
      lineNo++;
      pos = nl < 0 ? text.length() : nl + 1;
      if (line.isEmpty()) {
        if (onlyLineEnds(pos) && lineNo > 1) {
          return null;
        }
        throw new SdpParseException(lineNo, "empty line");
      }
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == '\r') {
          throw new SdpParseException(lineNo, "bare CR");
        }
        if (c == 0) {
          throw new SdpParseException(lineNo, "NUL character");
        }
      }
      return line;
    }

    private boolean onlyLineEnds(int from) {
      for (int i = from; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c == '\n') {
          continue;
        }
        if (c != '\r' || i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
          return false;
        }
      }
      return true;
    }

    private void dispatch(String line) {
      char type = line.charAt(0);
      if (line.length() < 2 || line.charAt(1) != '=') {
        throw new IllegalArgumentException(type >= 'a' && type <= 'z'
            ? "expected '=' after the type letter" : "expected <type>=<value>");
      }
      if (type < 'a' || type > 'z') {
        throw new IllegalArgumentException("bad type letter");
      }
      String value = line.substring(2);
      if (type == 'm') {
        if (!seenTime) {
          throw new IllegalArgumentException(origin == null || sessionName == null
              ? "m= line out of order" : "missing t= line");
        }
        endTime();
        endMedia();
        current = mediaField(value);
        mediaLines.add(lineNo);
        lastMedia = 'm';
      } else if (current != null) {
        mediaLine(type, value);
      } else {
        sessionLine(type, value);
      }
    }

    private void sessionLine(char type, String value) {
      int rank = SESSION_ORDER.indexOf(type);
      if (rank < 0) {
        throw new IllegalArgumentException("unknown type letter");
      }
      if (lineNo <= 3) {
        char expected = "vos".charAt(lineNo - 1);
        if (type != expected) {
          throw new IllegalArgumentException(lineNo == 1
              ? "description must start with v=" : "expected " + expected + "= line");
        }
      } else {
        checkSessionOrder(type, rank);
      }
      lastSession = type;
      switch (type) {
        case 'v' -> version(value);
        case 'o' -> {
          String[] f = fields(value, 6, 6, "o= needs six fields");
          origin = new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
        }
        case 's' -> {
          if (!SdpSyntax.isText(value)) {
            throw new IllegalArgumentException("bad s= line");
          }
          sessionName = value;
        }
        case 'i' -> information = Optional.of(SdpSyntax.requireByteString(value, "empty i= line"));
        case 'u' -> uri = Optional.of(SdpSyntax.requireNonWs(value, "bad u= line"));
        case 'e' -> emails.add(SdpSyntax.requireByteString(value, "empty e= line"));
        case 'p' -> phones.add(SdpSyntax.requireByteString(value, "empty p= line"));
        case 'c' -> connection = Optional.of(Connection.parse(value));
        case 'b' -> bandwidths.add(bandwidth(value));
        case 't' -> timeField(value);
        case 'r' -> repeats.add(RepeatTime.parse(value));
        case 'z' -> zoneField(value);
        case 'k' -> key(value);
        case 'a' -> {
          endTime();
          attributes.add(attribute(value));
        }
        default -> throw new IllegalStateException();
      }
    }

    private void checkSessionOrder(char type, int rank) {
      int lastRank = SESSION_ORDER.indexOf(lastSession);
      boolean ok = switch (type) {
        case 'v', 'o', 's' -> false;
        case 't' -> lastRank <= SESSION_ORDER.indexOf('z');
        case 'r' -> lastSession == 't' || lastSession == 'r';
        case 'z' -> {
          if (lastSession == 't') {
            throw new IllegalArgumentException("z= without r=");
          }
          yield lastSession == 'r';
        }
        default -> rank > lastRank || (rank == lastRank && SESSION_REPEATABLE.indexOf(type) >= 0);
      };
      if (!ok) {
        throw new IllegalArgumentException(rank == lastRank || type == 'v' || type == 'o'
            || type == 's' ? "repeated " + type + "= line" : type + "= line out of order");
      }
      if (rank > SESSION_ORDER.indexOf('z') && !seenTime) {
        throw new IllegalArgumentException("missing t= line");
      }
    }

    private void mediaLine(char type, String value) {
      int rank = MEDIA_ORDER.indexOf(type);
      if (rank < 0) {
        throw new IllegalArgumentException(SESSION_ORDER.indexOf(type) >= 0
            ? type + "= line not allowed in a media description" : "unknown type letter");
      }
      int lastRank = MEDIA_ORDER.indexOf(lastMedia);
      if (rank < lastRank || (rank == lastRank && MEDIA_REPEATABLE.indexOf(type) < 0)) {
        throw new IllegalArgumentException(rank == lastRank
            ? "repeated " + type + "= line" : type + "= line out of order");
      }
      lastMedia = type;
      switch (type) {
        case 'i' -> current.information(SdpSyntax.requireByteString(value, "empty i= line"));
        case 'c' -> current.connection(Connection.parse(value));
        case 'b' -> current.bandwidth(bandwidth(value));
        case 'k' -> key(value);
        case 'a' -> current.attribute(attribute(value));
        default -> throw new IllegalStateException();
      }
    }

    private static void version(String value) {
      if (!SdpSyntax.isDigits(value)) {
        throw new IllegalArgumentException("bad v= line");
      }
      if (!value.equals("0")) {
        throw new IllegalArgumentException("unsupported SDP version");
      }
    }

    private static Bandwidth bandwidth(String value) {
      int colon = value.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("b= needs <type>:<bandwidth>");
      }
      String type = SdpSyntax.requireToken(value.substring(0, colon), "bad bandwidth type");
      return new Bandwidth(type, SdpSyntax.parseDigits(value.substring(colon + 1),
          "bad bandwidth value"));
    }

    private void timeField(String value) {
      endTime();
      String[] f = fields(value, 2, 2, "t= needs a start and a stop time");
      timeStart = time(f[0], true);
      timeStop = time(f[1], true);
      seenTime = true;
      pendingTime = true;
    }

    /** Closes the time description being read, if any. */
    private void endTime() {
      if (pendingTime) {
        times.add(new TimeDescription(timeStart, timeStop, repeats, zones));
        repeats.clear();
        zones.clear();
        pendingTime = false;
      }
    }

    /** time = POS-DIGIT 9*DIGIT, or "0" where {@code zeroAllowed}. */
    private static long time(String s, boolean zeroAllowed) {
      if (zeroAllowed && s.equals("0")) {
        return 0;
      }
      if (s.length() < 10 || s.charAt(0) == '0') {
        throw new IllegalArgumentException("bad time");
      }
      return SdpSyntax.parseDigits(s, "bad time");
    }

    private void zoneField(String value) {
      String[] f = fields(value, 2, Integer.MAX_VALUE, "z= needs pairs of time and offset");
      if (f.length % 2 != 0) {
        throw new IllegalArgumentException("z= needs pairs of time and offset");
      }
      for (int i = 0; i < f.length; i += 2) {
        long at = time(f[i], false);
        String offset = f[i + 1];
        boolean negative = offset.startsWith("-");
        zones.add(new ZoneAdjustment(at, negative,
            TypedTime.parse(negative ? offset.substring(1) : offset)));
      }
    }

    private static void key(String value) {
      // key-type = "prompt" / "clear:" text / "base64:" base64 / "uri:" uri; dropped (§5.12)
      if (!(value.equals("prompt") || value.startsWith("clear:") || value.startsWith("base64:")
          || value.startsWith("uri:"))) {
        throw new IllegalArgumentException("bad k= line");
      }
    }

    private static Attribute attribute(String value) {
      int colon = value.indexOf(':');
      if (colon < 0) {
        return Attribute.of(SdpSyntax.requireToken(value, "bad attribute name"));
      }
      String name = SdpSyntax.requireToken(value.substring(0, colon), "bad attribute name");
      String v = value.substring(colon + 1);
      if (v.isEmpty()) {
        throw new IllegalArgumentException("empty attribute value");
      }
      return Attribute.of(name, v);
    }

    private static MediaDescription.Builder mediaField(String value) {
      String[] f = fields(value, 4, Integer.MAX_VALUE,
          "m= needs media, port, protocol and a format");
      String portText = f[1];
      int slash = portText.indexOf('/');
      int port = SdpSyntax.parsePort(slash < 0 ? portText : portText.substring(0, slash),
          "bad port");
      MediaDescription.Builder b = MediaDescription.builder(
          SdpSyntax.requireToken(f[0], "bad media type"), port, f[2]);
      if (slash >= 0) {
        b.portCount(SdpSyntax.parseInteger(portText.substring(slash + 1), 65535,
            "bad number of ports"));
      }
      for (int i = 3; i < f.length; i++) {
        b.format(f[i]);
      }
      // validate the m= line itself now, so that its errors carry its line number
      b.build();
      return b;
    }

    private void endMedia() {
      if (current != null) {
        media.add(current.build());
        current = null;
      }
    }
  }
}
