package io.miville.pis.site;

/**
 * How a proxy is flushed after a session (draft-pis-00 §2.3).
 */
public enum FlushKind {
  /** The user agent is expected to FLUSH after BYE; until then the proxy needs a flush. */
  MANUAL,
  /** Detects the end of use and flushes on its own, announcing {@code 200 WOOSH}; FLUSH still works as an override. */
  ADVANCED,
  /** Flushes continuously or periodically (Line-urinal, Wall-urinal, Pizwah): FLUSH is never required. */
  CONTINUOUS
}
