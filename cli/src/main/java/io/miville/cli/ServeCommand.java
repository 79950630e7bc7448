package io.miville.cli;

import io.miville.node.SipNode;
import io.miville.node.uas.BasicUas;
import io.miville.node.uas.UasCounters;
import io.miville.node.uas.UasPolicy;
import io.miville.transaction.TransactionCounters;
import io.miville.transaction.TransactionKind;
import io.miville.transport.ListenPoint;
import io.miville.transport.TlsConfig;
import io.miville.transport.Transport;
import io.miville.transport.TransportCounters;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code miville serve}: a UAS that answers INVITE by policy, ACK, BYE, CANCEL and OPTIONS, and
 * every other request properly; it runs until SIGTERM/SIGINT (or {@code --duration}) and then
 * prints its counters.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run a SIP user agent server that answers calls.",
      "",
      "Answers INVITE with --answer (after --ring ms of 180 Ringing), ACK, BYE, CANCEL and OPTIONS;"
          + " 405 or 501 to other methods. Logs one line per call; prints counters on exit."
          + " Without any listen option it listens on UDP and TCP 127.0.0.1:5060."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped normally", "1:could not start (address in use, bad certificate...)", "2:usage error"})
final class ServeCommand implements Callable<Integer> {
  private static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 5060);

  private final StandardStreams io;
  private final StopSignal stop = new StopSignal();
  private final java.util.concurrent.CompletableFuture<SipNode> started = new java.util.concurrent.CompletableFuture<>();
  private volatile SipNode node;

  @Spec private CommandSpec spec;

  @Option(names = "--udp", paramLabel = "HOST:PORT", converter = HostPort.class, description = "Listen on UDP (repeatable).")
  List<InetSocketAddress> udp = new ArrayList<>();

  @Option(names = "--tcp", paramLabel = "HOST:PORT", converter = HostPort.class, description = "Listen on TCP (repeatable).")
  List<InetSocketAddress> tcp = new ArrayList<>();

  @Option(names = "--tls", paramLabel = "HOST:PORT", converter = HostPort.class,
      description = "Listen on TLS (repeatable); needs --cert and --key.")
  List<InetSocketAddress> tls = new ArrayList<>();

  @Option(names = "--ws", paramLabel = "HOST:PORT", converter = HostPort.class,
      description = "Listen on WebSocket, subprotocol sip (RFC 7118) (repeatable).")
  List<InetSocketAddress> ws = new ArrayList<>();

  @Option(names = "--cert", paramLabel = "FILE", description = "TLS certificate chain, PEM.")
  Path cert;

  @Option(names = "--key", paramLabel = "FILE", description = "TLS private key, PKCS#8 PEM.")
  Path key;

  @Option(names = "--answer", paramLabel = "CODE", defaultValue = "200",
      description = "Final status for INVITE, 200 to 699 (default: ${DEFAULT-VALUE}).")
  int answer;

  @Option(names = "--ring", paramLabel = "MS", defaultValue = "0",
      description = "Send 180 Ringing for MS milliseconds before the final answer (default: ${DEFAULT-VALUE}).")
  long ringMillis;

  @Option(names = "--lanes", paramLabel = "N", defaultValue = "0",
      description = "Transaction lanes (default: one per processor).")
  int lanes;

  @Option(names = "--io-threads", paramLabel = "N", defaultValue = "0",
      description = "Network I/O threads (default: one per processor).")
  int ioThreads;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop by itself after this many seconds.")
  Double durationSeconds;

  @Option(names = "--log-level", paramLabel = "LEVEL", converter = LogLevel.Converter.class,
      description = "off, error, warning, info, debug or trace (default: info, or what a java.util.logging"
          + " configuration file says). info logs one line per call; under heavy load, warning saves that work.")
  LogLevel logLevel;

  ServeCommand(StandardStreams io) {
    this.io = io;
  }

  /** Asks a running serve to stop, as SIGTERM does. */
  void stop() {
    stop.stop();
  }

  /** The running node, once started; for tests. */
  SipNode node() {
    return node;
  }

  /** Completes with the node once it listens, or exceptionally if it could not start. */
  java.util.concurrent.CompletionStage<SipNode> started() {
    return started;
  }

  @Override
  public Integer call() throws InterruptedException {
    UasPolicy policy;
    try {
      policy = new UasPolicy(answer, Duration.ofMillis(ringMillis));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!tls.isEmpty() && (cert == null || key == null)) {
      throw new ParameterException(spec.commandLine(), "--tls needs --cert and --key");
    }
    if (logLevel != null) {
      logLevel.apply();
    }
    SipNode.Builder b = SipNode.builder().lanes(lanes).ioThreads(ioThreads);
    boolean any = !(udp.isEmpty() && tcp.isEmpty() && tls.isEmpty() && ws.isEmpty());
    if (!any) {
      udp.add(DEFAULT_ADDRESS);
      tcp.add(DEFAULT_ADDRESS);
    }
    udp.forEach(a -> b.listen(Transport.UDP, a));
    tcp.forEach(a -> b.listen(Transport.TCP, a));
    tls.forEach(a -> b.listen(Transport.TLS, a));
    ws.forEach(a -> b.listen(Transport.WS, a));
    BasicUas uas = new BasicUas(policy);
    b.requestHandler(uas);
    try {
      if (!tls.isEmpty()) {
        b.tls(TlsConfig.builder().keyPair(cert, key).build());
      }
      node = b.build().start();
    } catch (RuntimeException e) {
      io.err().println("miville serve: cannot start: " + e.getMessage());
      started.completeExceptionally(e);
      return ExitCode.FAILURE;
    }
    stop.onShutdown("miville-serve-shutdown");
    try {
      for (ListenPoint lp : node.listenPoints()) {
        io.out().println("listening on " + lp.transport().viaName().toLowerCase() + " " + HostPort.format(lp.address()));
      }
      io.out().println("answering INVITE with " + answer + (ringMillis > 0 ? " after " + ringMillis + " ms of ringing" : ""));
      io.out().flush();
      started.complete(node);
      stop.await(durationSeconds);
    } finally {
      stop.close();
      // read before the sockets close: their rows in /proc go with them
      List<InetSocketAddress> udpAddresses = node.listenPoints().stream()
          .filter(lp -> lp.transport() == Transport.UDP).map(ListenPoint::address).toList();
      OptionalLong kernelDrops = udpAddresses.isEmpty() ? OptionalLong.empty() : KernelUdpDrops.of(udpAddresses);
      node.close();
      report(uas.counters(), uas.activeCalls(), node.transactions().counters(), node.transactions().timers().timeout(),
          node.transport().counters(), kernelDrops);
      node = null;
    }
    return ExitCode.OK;
  }

  private void report(UasCounters.Snapshot u, int callsUp, TransactionCounters t, Duration transactionWait,
      TransportCounters n, OptionalLong kernelDrops) {
    var out = io.out();
    out.println(callsLine(u, callsUp));
    out.println("other requests: " + u.options() + " OPTIONS, " + u.notAllowed() + " answered 405, "
        + u.notImplemented() + " answered 501, " + u.badExtension() + " answered 420, " + u.unsupportedMedia()
        + " answered 415, " + u.noDialog() + " answered 481");
    out.println(transactionsLine(t, transactionWait));
    out.println("transport: " + n);
    // datagrams no layer of serve ever saw: under load, what loses ACKs and BYEs
    kernelDrops.ifPresent(d -> out.println("udp: " + d + " datagrams dropped by the kernel (socket receive buffer"
        + " full)"));
    out.flush();
  }

  /**
   * What happened to the calls. Every answered call is confirmed, ended by a BYE before its ACK,
   * never acknowledged (Timer L), or still waiting for its ACK; a call is up from its answer to its
   * BYE (or Timer L).
   */
  static String callsLine(UasCounters.Snapshot u, int callsUp) {
    return "calls: " + u.invites() + " invited, " + u.answered() + " answered, " + u.refused() + " refused, "
        + u.confirmed() + " confirmed, " + u.ended() + " ended, " + u.cancelled() + " cancelled, "
        + u.ackTimeouts() + " never acknowledged, " + u.endedBeforeAck() + " ended before their ACK, "
        + u.awaitingAck() + " still waiting for their ACK, " + callsUp + " up";
  }

  /**
   * The transaction counters of the kinds that ran, with the live ones: a server transaction over
   * UDP lives on for {@code wait} (64*T1, Timers J and L) after its final response to absorb
   * retransmissions, and is counted completed only then.
   */
  static String transactionsLine(TransactionCounters t, Duration wait) {
    StringBuilder b = new StringBuilder("transactions:");
    long live = 0;
    for (TransactionKind kind : TransactionKind.values()) {
      TransactionCounters.Kind k = t.of(kind);
      if (k.created() == 0) {
        continue;
      }
      live += k.live();
      b.append(' ').append(kindName(kind)).append(' ').append(k.created()).append(" created, ")
          .append(k.completed()).append(" completed, ").append(k.timedOut()).append(" timed out, ")
          .append(k.transportErrors()).append(" transport errors, ").append(k.live()).append(" live;");
    }
    b.append(' ').append(t.retransmissionsSent()).append(" retransmissions sent, ")
        .append(t.retransmissionsAbsorbed()).append(" absorbed, ").append(t.overloadRejected())
        .append(" rejected (overload 503), ").append(t.dropped()).append(" dropped (overload), ")
        .append(t.strayResponses()).append(" stray responses, ").append(t.malformed()).append(" malformed, ")
        .append(t.merged482()).append(" merged (482), ").append(t.cancels481()).append(" CANCEL unmatched (481)");
    if (live > 0) {
      String seconds = wait.toMillis() % 1000 == 0 ? Long.toString(wait.toSeconds())
          : String.format(Locale.ROOT, "%.3f", wait.toMillis() / 1000.0);
      b.append(System.lineSeparator()).append("  (over UDP a server transaction stays live 64*T1 = ").append(seconds)
          .append(" s after its final response, Timers J and L, to absorb retransmissions; it is counted completed"
              + " only then)");
    }
    return b.toString();
  }

  private static String kindName(TransactionKind kind) {
    return (kind.isInvite() ? "INVITE" : "non-INVITE") + (kind.isClient() ? " client" : " server");
  }
}
