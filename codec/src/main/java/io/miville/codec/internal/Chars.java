package io.miville.codec.internal;

/**
 * Character classes of the RFC 3261 §25 grammar, as lookup tables.
 *
 * <p>All tables are indexed by a char below 128; non-ASCII characters are never members of
 * these ASCII classes (callers handle UTF-8 text separately).
 */
public final class Chars {
  private Chars() {}

  private static final boolean[] TOKEN = new boolean[128];
  private static final boolean[] WORD = new boolean[128];
  private static final boolean[] UNRESERVED = new boolean[128];
  private static final boolean[] USER_UNRESERVED = new boolean[128];
  private static final boolean[] PASSWORD_EXTRA = new boolean[128];
  private static final boolean[] PARAM_UNRESERVED = new boolean[128];
  private static final boolean[] HNV_UNRESERVED = new boolean[128];
  private static final boolean[] URIC = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      mark(c, TOKEN, WORD, UNRESERVED, URIC);
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      mark(c, TOKEN, WORD, UNRESERVED, URIC);
    }
    for (char c = '0'; c <= '9'; c++) {
      mark(c, TOKEN, WORD, UNRESERVED, URIC);
    }
    // token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~")
    for (char c : "-.!%*_+`'~".toCharArray()) {
      TOKEN[c] = true;
    }
    // word adds ( ) < > : \ DQUOTE / [ ] ? { }
    for (char c : "-.!%*_+`'~()<>:\\\"/[]?{}".toCharArray()) {
      WORD[c] = true;
    }
    // unreserved = alphanum / mark; mark = - _ . ! ~ * ' ( )
    for (char c : "-_.!~*'()".toCharArray()) {
      UNRESERVED[c] = true;
      URIC[c] = true;
    }
    for (char c : "&=+$,;?/".toCharArray()) {
      USER_UNRESERVED[c] = true;
    }
    for (char c : "&=+$,".toCharArray()) {
      PASSWORD_EXTRA[c] = true;
    }
    for (char c : "[]/:&+$".toCharArray()) {
      PARAM_UNRESERVED[c] = true;
    }
    for (char c : "[]/?:+$".toCharArray()) {
      HNV_UNRESERVED[c] = true;
    }
    for (char c : ";/?:@&=+$,[]%".toCharArray()) {
      URIC[c] = true;
    }
  }

  private static void mark(char c, boolean[]... tables) {
    for (boolean[] t : tables) {
      t[c] = true;
    }
  }

  public static boolean isToken(char c) {
    return c < 128 && TOKEN[c];
  }

  public static boolean isWord(char c) {
    return c < 128 && WORD[c];
  }

  public static boolean isUnreserved(char c) {
    return c < 128 && UNRESERVED[c];
  }

  /** Characters allowed unescaped in the user part of a SIP URI, besides escapes. */
  public static boolean isUserChar(char c) {
    return c < 128 && (UNRESERVED[c] || USER_UNRESERVED[c]);
  }

  /** Characters allowed unescaped in the password part of a SIP URI, besides escapes. */
  public static boolean isPasswordChar(char c) {
    return c < 128 && (UNRESERVED[c] || PASSWORD_EXTRA[c]);
  }

  /** paramchar of a SIP URI parameter, besides escapes. */
  public static boolean isParamChar(char c) {
    return c < 128 && (UNRESERVED[c] || PARAM_UNRESERVED[c]);
  }

  /** hnv-unreserved or unreserved: characters of a SIP URI header name or value, besides escapes. */
  public static boolean isHeaderChar(char c) {
    return c < 128 && (UNRESERVED[c] || HNV_UNRESERVED[c]);
  }

  /** RFC 2396 uric, for absolute URIs of other schemes, plus "%" for escapes. */
  public static boolean isUric(char c) {
    return c < 128 && URIC[c];
  }

  public static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  public static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  public static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  public static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t';
  }

  /** True if every char of {@code s} is a token char and {@code s} is not empty. */
  public static boolean isToken(String s) {
    // the same as for any CharSequence, without an interface call per char
    int n = s.length();
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!isToken(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** True if every char of {@code s} is a token char and {@code s} is not empty. */
  public static boolean isToken(CharSequence s) {
    int n = s.length();
    if (n == 0) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!isToken(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  public static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  /** ASCII lower case, without the locale surprises of {@link String#toLowerCase()}. */
  public static String lower(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        char[] out = s.toCharArray();
        for (int j = i; j < out.length; j++) {
          char d = out[j];
          if (d >= 'A' && d <= 'Z') {
            out[j] = (char) (d + 32);
          }
        }
        return new String(out);
      }
    }
    return s;
  }
}
