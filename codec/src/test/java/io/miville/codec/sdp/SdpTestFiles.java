package io.miville.codec.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the SDP files under src/test/resources/sdp (stored with LF line ends). */
final class SdpTestFiles {
  private SdpTestFiles() {}

  static String lf(String name) {
    try (InputStream in = SdpTestFiles.class.getResourceAsStream("/sdp/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test file " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String crlf(String name) {
    return toCrlf(lf(name));
  }

  static String toCrlf(String lfText) {
    return lfText.replace("\n", "\r\n");
  }
}
