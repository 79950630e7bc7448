package io.miville.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and PKCS#8 key in PEM files, made with the JDK's keytool (run as a
 * process) and written out as PEM from the PKCS#12 store it produces: no extra dependency.
 *
 * @param certificate the certificate, PEM
 * @param privateKey the private key, PKCS#8 PEM
 */
public record TestCertificates(Path certificate, Path privateKey) {

  /** A pair for {@code CN=localhost} with subject alternative names 127.0.0.1 and localhost. */
  public static TestCertificates create(Path dir, String name) throws Exception {
    return create(dir, name, "CN=localhost", "ip:127.0.0.1,dns:localhost");
  }

  /** A pair with the given subject and subject alternative names (keytool -ext SAN= syntax). */
  public static TestCertificates create(Path dir, String name, String subject, String san) throws Exception {
    Path store = dir.resolve(name + ".p12");
    String password = "changeit";
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "sip", "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", subject, "-ext", "SAN=" + san,
        "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", password,
        "-keypass", password)
        .redirectErrorStream(true)
        .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException("keytool failed: " + output);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      ks.load(in, password.toCharArray());
    } catch (Exception e) {
      throw new IOException(e);
    }
    try {
      PrivateKey key = (PrivateKey) ks.getKey("sip", password.toCharArray());
      Certificate cert = ks.getCertificate("sip");
      Path certPem = dir.resolve(name + "-cert.pem");
      Path keyPem = dir.resolve(name + "-key.pem");
      Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
      Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded())); // getEncoded() is PKCS#8
      return new TestCertificates(certPem, keyPem);
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
