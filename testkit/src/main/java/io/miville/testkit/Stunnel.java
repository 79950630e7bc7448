package io.miville.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A TLS client tunnel (Debian package {@code stunnel4}): plain TCP accepted on a loopback port
 * is carried over TLS to a server, with the server's certificate verified. Debian's SIPp is built
 * without TLS, so SIPp's {@code -t t1} traffic goes through this tunnel to reach a TLS listener.
 */
public final class Stunnel implements AutoCloseable {
  private final Process process;
  private final int acceptPort;
  private final Path dir;

  private Stunnel(Process process, int acceptPort, Path dir) {
    this.process = process;
    this.acceptPort = acceptPort;
    this.dir = dir;
  }

  /** True if the {@code stunnel} binary is on the PATH. */
  public static boolean available() {
    try {
      Process p = new ProcessBuilder("stunnel", "-version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Starts a tunnel to {@code tlsServer}, trusting {@code caCertificate} (PEM), and waits until
   * it accepts connections.
   */
  public static Stunnel toServer(InetSocketAddress tlsServer, Path caCertificate) {
    try {
      Path dir = Files.createTempDirectory("stunnel");
      int port = FreePorts.udpAndTcp();
      Path conf = dir.resolve("stunnel.conf");
      Files.writeString(conf, String.join("\n",
          "foreground = yes",
          "pid =",
          "debug = 4",
          "output = " + dir.resolve("stunnel.log"),
          "[sip]",
          "client = yes",
          "accept = 127.0.0.1:" + port,
          "connect = " + tlsServer.getAddress().getHostAddress() + ":" + tlsServer.getPort(),
          "CAfile = " + caCertificate.toAbsolutePath(),
          "verifyChain = yes",
          "checkIP = " + tlsServer.getAddress().getHostAddress(),
          ""));
      Process p = new ProcessBuilder("stunnel", conf.toString()).redirectErrorStream(true)
          .redirectOutput(dir.resolve("stdout.log").toFile()).start();
      Stunnel tunnel = new Stunnel(p, port, dir);
      tunnel.awaitListening(Duration.ofSeconds(15));
      return tunnel;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitListening(Duration bound) {
    long deadline = System.nanoTime() + bound.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("stunnel exited: " + log());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", acceptPort), 200);
        return;
      } catch (IOException notYet) {
        try {
          process.waitFor(50, TimeUnit.MILLISECONDS); // returns early if stunnel dies
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
    }
    close();
    throw new IllegalStateException("stunnel did not listen within " + bound + ": " + log());
  }

  /** The plain-TCP port the tunnel accepts on, at 127.0.0.1. */
  public int port() {
    return acceptPort;
  }

  /** stunnel's log, for failure messages. */
  public String log() {
    try {
      Path log = dir.resolve("stunnel.log");
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return e.toString();
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
