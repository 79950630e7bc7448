package io.miville.cli;

import io.miville.codec.SipParseException;
import io.miville.codec.SipResponse;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.node.SipNode;
import io.miville.node.uac.Destinations;
import io.miville.node.uac.Uac;
import io.miville.transaction.TimerConfig;
import io.miville.transport.Transport;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code miville options URI}: a SIP ping (RFC 3261 §11) that prints the answer and the round trip. */
@Command(
    name = "options",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Send OPTIONS to a SIP URI and print the answer and the round-trip time.",
      "",
      "The transport comes from the URI (;transport=tcp); UDP otherwise."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:answered 2xx", "1:answered otherwise, or no answer in time", "2:usage error"})
final class OptionsCommand implements Callable<Integer> {
  private final StandardStreams io;

  @Spec private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URI", description = "Where to send OPTIONS, e.g. sip:127.0.0.1:5060.")
  String target;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "8",
      description = "Give up after this long (default: ${DEFAULT-VALUE}; RFC 3261's Timer F is 32 s).")
  double timeoutSeconds;

  @Option(names = "--quiet", description = "Print only the status line and the round trip.")
  boolean quiet;

  OptionsCommand(StandardStreams io) {
    this.io = io;
  }

  @Override
  public Integer call() throws InterruptedException {
    Uri uri;
    Destinations dest;
    try {
      uri = Uri.parse(target);
      dest = Destinations.of(uri);
    } catch (SipParseException e) {
      throw new ParameterException(spec.commandLine(), "not a URI: " + e.reason());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!(uri instanceof SipUri) || (dest.transport() != Transport.UDP && dest.transport() != Transport.TCP)) {
      throw new ParameterException(spec.commandLine(), "options sends over udp or tcp");
    }
    boolean v6 = dest.address().getAddress() instanceof Inet6Address;
    InetSocketAddress local = new InetSocketAddress(v6 ? "::" : "0.0.0.0", 0);
    if (dest.address().getAddress().isLoopbackAddress()) {
      local = new InetSocketAddress(dest.address().getAddress(), 0);
    }
    SipNode.Builder b = SipNode.builder().listen(dest.transport(), local).lanes(1).ioThreads(1)
        .timers(TimerConfig.DEFAULT);
    try (SipNode node = b.build().start()) {
      Uac.Ping ping = new Uac(node).options(uri).toCompletableFuture()
          .get((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
      SipResponse r = ping.response();
      if (quiet) {
        io.out().println(r.startLine());
      } else {
        io.out().print(r);
      }
      io.out().printf("round trip: %.3f ms%n", ping.roundTrip().toNanos() / 1e6);
      return r.isSuccess() ? ExitCode.OK : ExitCode.FAILURE;
    } catch (TimeoutException e) {
      io.out().println("no answer from " + target + " within " + timeoutSeconds + " s");
      return ExitCode.FAILURE;
    } catch (ExecutionException e) {
      io.out().println("failed: " + e.getCause());
      return ExitCode.FAILURE;
    } catch (RuntimeException e) {
      io.err().println("miville options: " + e.getMessage());
      return ExitCode.FAILURE;
    }
  }

}
