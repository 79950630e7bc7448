package io.miville.transport;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS for the TLS and WSS transports (RFC 3261 §26.2, RFC 5630, RFC 7118 §5), with the JDK's
 * TLS implementation and keys in PEM files:
 *
 * <ul>
 *   <li>certificate chain: one or more {@code -----BEGIN CERTIFICATE-----} blocks, the
 *       server's own certificate first, then its intermediates;</li>
 *   <li>private key: PKCS#8, {@code -----BEGIN PRIVATE KEY-----} (RSA, EC or DSA), or
 *       {@code -----BEGIN ENCRYPTED PRIVATE KEY-----} with {@link Builder#privateKeyPassword}.
 *       A PKCS#1 {@code BEGIN RSA PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY} file must be
 *       converted first: {@code openssl pkcs8 -topk8 -nocrypt -in key.pem -out key8.pem};</li>
 *   <li>trusted certificates (for outbound connections): PEM certificates of the CAs, or of
 *       the peers themselves when they are self-signed. Without them the JDK's default trust
 *       store is used.</li>
 * </ul>
 *
 * <p>Outbound connections verify the server's identity (RFC 5922 §7, with the HTTPS rules
 * of RFC 2818): its certificate must name the host or IP address connected to, unless
 * {@link Builder#verifyHostname(boolean)} turns that off. Client certificates (mutual TLS) are
 * presented when a key is configured but are not requested from clients.
 */
public final class TlsConfig {
  private final Optional<Path> certificateChain;
  private final Optional<Path> privateKey;
  private final Optional<String> privateKeyPassword;
  private final Optional<Path> trustedCertificates;
  private final boolean verifyHostname;
  private final List<String> protocols;
  private final SslContext server;
  private final SslContext client;

  private TlsConfig(Builder b) {
    this.certificateChain = Optional.ofNullable(b.certificateChain);
    this.privateKey = Optional.ofNullable(b.privateKey);
    this.privateKeyPassword = Optional.ofNullable(b.privateKeyPassword);
    this.trustedCertificates = Optional.ofNullable(b.trustedCertificates);
    this.verifyHostname = b.verifyHostname;
    this.protocols = List.copyOf(b.protocols);
    if (certificateChain.isPresent() != privateKey.isPresent()) {
      throw new IllegalArgumentException("a certificate chain and a private key go together");
    }
    for (Optional<Path> p : List.of(certificateChain, privateKey, trustedCertificates)) {
      if (p.isPresent() && !Files.isReadable(p.get())) {
        throw new IllegalArgumentException("cannot read " + p.get());
      }
    }
    try {
      // built now, so that a bad file fails at configuration time rather than on a handshake
      this.server = certificateChain.isPresent()
          ? SslContextBuilder.forServer(file(certificateChain), file(privateKey), privateKeyPassword.orElse(null))
              .sslProvider(SslProvider.JDK)
              .protocols(protocols)
              .build()
          : null;
      SslContextBuilder cb = SslContextBuilder.forClient().sslProvider(SslProvider.JDK).protocols(protocols);
      if (trustedCertificates.isPresent()) {
        cb.trustManager(file(trustedCertificates));
      }
      if (certificateChain.isPresent()) {
        cb.keyManager(file(certificateChain), file(privateKey), privateKeyPassword.orElse(null));
      }
      this.client = cb.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("bad TLS configuration: " + e.getMessage(), e);
    }
  }

  private static File file(Optional<Path> p) {
    return p.orElseThrow().toFile();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<Path> certificateChain() {
    return certificateChain;
  }

  public Optional<Path> privateKey() {
    return privateKey;
  }

  public Optional<Path> trustedCertificates() {
    return trustedCertificates;
  }

  public boolean verifyHostname() {
    return verifyHostname;
  }

  public List<String> protocols() {
    return protocols;
  }

  /** True if this configuration can serve TLS (it has a certificate and key). */
  public boolean canServe() {
    return server != null;
  }

  SslHandler serverHandler(ByteBufAllocator alloc, Duration handshakeTimeout) {
    if (server == null) {
      throw new IllegalStateException("TLS listen point without a certificate and key");
    }
    SslHandler h = server.newHandler(alloc);
    h.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
    return h;
  }

  SslHandler clientHandler(ByteBufAllocator alloc, InetSocketAddress peer, Duration handshakeTimeout) {
    String host = peer.getHostString();
    SSLEngine engine = client.newEngine(alloc, host, peer.getPort());
    if (verifyHostname) {
      SSLParameters params = engine.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(params);
    }
    SslHandler h = new SslHandler(engine);
    h.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
    return h;
  }

  /** Builds a {@link TlsConfig}. */
  public static final class Builder {
    private Path certificateChain;
    private Path privateKey;
    private String privateKeyPassword;
    private Path trustedCertificates;
    private boolean verifyHostname = true;
    private List<String> protocols = List.of("TLSv1.3", "TLSv1.2");

    private Builder() {}

    /** The PEM certificate chain and PKCS#8 PEM private key of this node. */
    public Builder keyPair(Path certificateChainPem, Path privateKeyPem) {
      this.certificateChain = Objects.requireNonNull(certificateChainPem);
      this.privateKey = Objects.requireNonNull(privateKeyPem);
      return this;
    }

    /** The password of an {@code ENCRYPTED PRIVATE KEY}. */
    public Builder privateKeyPassword(String password) {
      this.privateKeyPassword = Objects.requireNonNull(password);
      return this;
    }

    /** PEM certificates trusted for outbound connections, instead of the JDK's trust store. */
    public Builder trustedCertificates(Path pem) {
      this.trustedCertificates = Objects.requireNonNull(pem);
      return this;
    }

    /** Whether outbound connections check that the server certificate names the peer. Default true. */
    public Builder verifyHostname(boolean verify) {
      this.verifyHostname = verify;
      return this;
    }

    /** TLS versions allowed; default TLSv1.3 and TLSv1.2. */
    public Builder protocols(String... versions) {
      this.protocols = List.of(versions);
      return this;
    }

    /**
     * @throws IllegalArgumentException if a file cannot be read or does not hold what it should
     */
    public TlsConfig build() {
      return new TlsConfig(this);
    }
  }
}
