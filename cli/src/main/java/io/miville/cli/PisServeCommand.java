package io.miville.cli;

import io.miville.pis.PisNode;
import io.miville.pis.controller.PisConfig;
import io.miville.pis.site.Site;
import io.miville.transport.ListenPoint;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code miville pis serve}: a PIS resource controller (draft-pis-00) for a site, until SIGTERM or
 * SIGINT (or {@code --duration}); prints where it listens, and its counters on exit.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Run a PIS resource controller: SEEK, AIM, FLUSH, WASH, FRESHEN, COMET, INVITE/BYE to proxies,"
          + " SUBSCRIBE to cluster presence, sensor PUBLISH.",
      "",
      "Serves --site (YAML or JSON, see docs/pis-site.md) or the built-in demo site. Without a listen option it"
          + " listens on UDP and TCP 127.0.0.1:5070. Prints answers by status code on exit."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped normally", "1:could not start (address in use...)", "2:usage error or bad site file"})
final class PisServeCommand implements Callable<Integer> {
  static final InetSocketAddress DEFAULT_ADDRESS = new InetSocketAddress("127.0.0.1", 5070);

  private final StandardStreams io;
  private final StopSignal stop = new StopSignal();
  private final CompletableFuture<PisNode> started = new CompletableFuture<>();

  @Spec private CommandSpec spec;

  @Option(names = "--site", paramLabel = "FILE", description = "The site, YAML or JSON (default: the built-in demo site).")
  Path siteFile;

  @Option(names = "--udp", paramLabel = "HOST:PORT", converter = HostPort.class, description = "Listen on UDP (repeatable).")
  List<InetSocketAddress> udp = new ArrayList<>();

  @Option(names = "--tcp", paramLabel = "HOST:PORT", converter = HostPort.class, description = "Listen on TCP (repeatable).")
  List<InetSocketAddress> tcp = new ArrayList<>();

  @Option(names = "--lanes", paramLabel = "N", defaultValue = "0",
      description = "Transaction lanes (default: one per processor).")
  int lanes;

  @Option(names = "--io-threads", paramLabel = "N", defaultValue = "0",
      description = "Network I/O threads (default: one per processor).")
  int ioThreads;

  @Option(names = "--time-scale", paramLabel = "X", defaultValue = "1",
      description = "Run the controller's durations X times faster: flushes (6 s), washes (45 s), holds (60 s),"
          + " cleaning, grace periods (default: ${DEFAULT-VALUE}; use pis simulate's --speed).")
  double timeScale;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "Stop by itself after this many seconds.")
  Double durationSeconds;

  @Option(names = "--log-level", paramLabel = "LEVEL", converter = LogLevel.Converter.class,
      description = "off, error, warning, info, debug or trace (default: info, or what a java.util.logging"
          + " configuration file says).")
  LogLevel logLevel;

  PisServeCommand(StandardStreams io) {
    this.io = io;
  }

  /** Asks a running serve to stop, as SIGTERM does. */
  void stop() {
    stop.stop();
  }

  /** Completes with the node once it listens, or exceptionally if it could not start; for tests. */
  CompletionStage<PisNode> started() {
    return started;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (logLevel != null) {
      logLevel.apply();
    }
    Site site;
    try {
      site = PisSites.load(siteFile);
    } catch (RuntimeException e) {
      io.err().println("miville pis serve: " + e.getMessage());
      started.completeExceptionally(e);
      return ExitCode.USAGE;
    }
    if (!(timeScale > 0)) {
      throw new ParameterException(spec.commandLine(), "--time-scale must be positive");
    }
    PisNode.Builder b = PisNode.builder().site(site, PisNode.scaled(PisConfig.DEFAULT, timeScale)).lanes(lanes)
        .ioThreads(ioThreads);
    if (udp.isEmpty() && tcp.isEmpty()) {
      udp.add(DEFAULT_ADDRESS);
      tcp.add(DEFAULT_ADDRESS);
    }
    udp.forEach(a -> b.listen(Transport.UDP, a));
    tcp.forEach(a -> b.listen(Transport.TCP, a));
    PisNode node;
    try {
      node = b.build().start();
    } catch (RuntimeException e) {
      io.err().println("miville pis serve: cannot start: " + e.getMessage());
      started.completeExceptionally(e);
      return ExitCode.FAILURE;
    }
    stop.onShutdown("miville-pis-serve-shutdown");
    try {
      for (ListenPoint lp : node.listenPoints()) {
        io.out().println("listening on " + lp.transport().viaName().toLowerCase() + " " + HostPort.format(lp.address()));
      }
      io.out().println("serving " + site.name() + ": " + site.clusters().size() + " clusters, " + site.proxyCount()
          + " proxies" + (timeScale != 1 ? ", time " + timeScale + "x faster" : ""));
      io.out().flush();
      started.complete(node);
      stop.await(durationSeconds);
    } finally {
      stop.close();
      node.close();
      io.out().println("pis: " + node.countersLine());
      io.out().println(ServeCommand.transactionsLine(node.sipNode().transactions().counters(),
          node.sipNode().transactions().timers().timeout()));
      io.out().flush();
    }
    return ExitCode.OK;
  }

}
