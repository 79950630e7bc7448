package io.miville.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

/**
 * The benchmark messages, read from {@code /messages/*.sip} so that every parser sees exactly
 * the same bytes.
 *
 * <p>The PIS SEEK exists twice: {@code seek-pis.sip} ({@code SEEK sip:rc@latrine1.loo.com PIS/1.0},
 * what Miville parses) and {@code seek-sip.sip}, the same bytes with {@code SIP/2.0} on the
 * request line, for JAIN-SIP, whose parser rejects any version but SIP/2.0.
 */
public enum Messages {
  /** INVITE with an SDP offer (RFC 3261 §24.2 shape, ~900 bytes). */
  INVITE("invite.sip", "invite.sip"),
  /** 200 OK to the INVITE, three Vias, Record-Route and an SDP answer. */
  OK200("ok200.sip", "ok200.sip"),
  /** In-dialog BYE with a Route. */
  BYE("bye.sip", "bye.sip"),
  /** draft-pis-00 SEEK in standard form with Requires and Urgency. */
  SEEK("seek-pis.sip", "seek-sip.sip");

  private final byte[] miville;
  private final byte[] jainSip;

  Messages(String mivilleResource, String jainSipResource) {
    this.miville = load(mivilleResource);
    this.jainSip = load(jainSipResource);
  }

  /** The bytes Miville parses. */
  public byte[] miville() {
    return miville.clone();
  }

  /** The bytes JAIN-SIP parses (identical except for SEEK's version). */
  public byte[] jainSip() {
    return jainSip.clone();
  }

  public static Messages of(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  private static byte[] load(String name) {
    try (InputStream in = Messages.class.getResourceAsStream("/messages/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource /messages/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
