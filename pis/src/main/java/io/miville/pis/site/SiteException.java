package io.miville.pis.site;

import java.util.Optional;

/**
 * A site file that cannot be used: unreadable, not YAML/JSON, or holding a value that is wrong.
 * The message names the file and the path of the field, e.g.
 * {@code demo.yaml: clusters[3].proxies[2].capacity: must be at least 1, was 0}.
 */
public final class SiteException extends RuntimeException {
  private final String source;
  private final String path;
  private final String detail;

  /**
   * @param path   where in the document the problem is, in {@code a.b[2].c} notation; empty for
   *               the whole document
   * @param detail what is wrong, without the path
   */
  public SiteException(String path, String detail) {
    this(null, path, detail, null);
  }

  public SiteException(String path, String detail, Throwable cause) {
    this(null, path, detail, cause);
  }

  private SiteException(String source, String path, String detail, Throwable cause) {
    super(message(source, path, detail), cause);
    this.source = source;
    this.path = path;
    this.detail = detail;
  }

  private static String message(String source, String path, String detail) {
    StringBuilder b = new StringBuilder();
    if (source != null) {
      b.append(source).append(": ");
    }
    if (!path.isEmpty()) {
      b.append(path).append(": ");
    }
    return b.append(detail).toString();
  }

  /** The same problem, said of the file or resource {@code source}. */
  public SiteException in(String source) {
    return new SiteException(source, path, detail, getCause());
  }

  /** The file or resource the problem is in, if known. */
  public Optional<String> source() {
    return Optional.ofNullable(source);
  }

  /** The path of the wrong field, such as {@code clusters[3].proxies[2].capacity}; empty for the whole document. */
  public String path() {
    return path;
  }

  /** What is wrong, without file or path. */
  public String detail() {
    return detail;
  }
}
