package io.miville.cli;

import io.miville.codec.SipParseException;
import io.miville.codec.uri.Uri;
import io.miville.node.SipNode;
import io.miville.node.uac.Destinations;
import io.miville.pis.client.PisClient;
import io.miville.pis.simulate.Figures;
import io.miville.pis.simulate.Simulation;
import io.miville.pis.site.Site;
import io.miville.transport.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code miville pis simulate}: a crowd of PIS user agents against a controller, with live and final figures. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Drive a PIS controller with simulated user agents and print live and final figures.",
      "",
      "Each user visits again after an exponential interval (Poisson arrivals): SEEK (urgency mix 70% Normal,"
          + " 20% Urgent, 8% Bursting, 2% Too-Late) -> AIM (Normal only) -> INVITE/ACK -> hold (log-normal: 45 s at"
          + " a urinal, 4 min in a stall) -> BYE -> FLUSH -> WASH. Sensors PUBLISH paper outages and clogs."
          + " Simulated time runs --speed times faster than the clock. Figures: waits per urgency (p50/p95/max),"
          + " queue lengths, utilisation, answers by method and code."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the run finished", "1:could not run (no answer, bad site file)", "2:usage error"})
final class PisSimulateCommand implements Callable<Integer> {
  private final StandardStreams io;

  @Spec private CommandSpec spec;

  @Option(names = "--controller", paramLabel = "URI", required = true,
      description = "Where the controller listens, e.g. sip:127.0.0.1:5070 (;transport=tcp for TCP).")
  String controller;

  @Option(names = "--users", paramLabel = "N", defaultValue = "100", description = "User agents (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
      description = "Wall-clock seconds during which visits start (default: ${DEFAULT-VALUE}).")
  double durationSeconds;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--speed", paramLabel = "X", defaultValue = "60",
      description = "Simulated seconds per second (default: ${DEFAULT-VALUE}: an hour a minute).")
  double speed;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "900",
      description = "Mean simulated time between two visits of one user (default: ${DEFAULT-VALUE}).")
  double intervalSeconds;

  @Option(names = "--sensor-rate", paramLabel = "PER_MINUTE", defaultValue = "2",
      description = "Sensor events per simulated minute (default: ${DEFAULT-VALUE}; 0: none).")
  double sensorRate;

  @Option(names = "--report-every", paramLabel = "SECONDS", defaultValue = "5",
      description = "A live line this often (default: ${DEFAULT-VALUE}; 0: none).")
  double reportEvery;

  @Option(names = "--drain", paramLabel = "SECONDS", defaultValue = "30",
      description = "After --duration, how long visits in progress may finish (default: ${DEFAULT-VALUE}).")
  double drainSeconds;

  @Option(names = "--site", paramLabel = "FILE",
      description = "The site the controller serves, YAML or JSON (default: the built-in demo site).")
  Path siteFile;

  PisSimulateCommand(StandardStreams io) {
    this.io = io;
  }

  @Override
  public Integer call() throws InterruptedException {
    if (users < 1 || durationSeconds <= 0 || speed <= 0 || intervalSeconds <= 0 || sensorRate < 0 || drainSeconds < 0) {
      throw new ParameterException(spec.commandLine(),
          "--users, --duration, --speed and --interval must be positive, --sensor-rate and --drain not negative");
    }
    Destinations dest;
    try {
      dest = Destinations.of(Uri.parse(controller));
    } catch (SipParseException e) {
      throw new ParameterException(spec.commandLine(), "not a URI: " + e.reason());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (dest.transport() != Transport.UDP && dest.transport() != Transport.TCP) {
      throw new ParameterException(spec.commandLine(), "simulate sends over udp or tcp");
    }
    Site site;
    try {
      site = PisSites.load(siteFile);
    } catch (RuntimeException e) {
      io.err().println("miville pis simulate: " + e.getMessage());
      return ExitCode.USAGE;
    }
    Simulation.Settings s = Simulation.Settings.of(users, seconds(durationSeconds), seed).withSpeed(speed)
        .withMeanInterval(seconds(intervalSeconds)).withSensorEventsPerMinute(sensorRate)
        .withReportEvery(seconds(reportEvery)).withDrain(seconds(drainSeconds));
    try (SipNode node = PisRequestCommand.clientNode(dest)) {
      Figures f = Simulation.create(PisClient.create(node, dest), site, s, line -> {
        io.out().println(line);
        io.out().flush();
      }).run();
      if (f.requestsSent() > 0 && f.answersByCode().keySet().stream().allMatch(c -> c == 408 || c == 503)) {
        io.err().println("miville pis simulate: no answer from " + controller);
        return ExitCode.FAILURE;
      }
      return ExitCode.OK;
    } catch (RuntimeException e) {
      io.err().println("miville pis simulate: " + e.getMessage());
      return ExitCode.FAILURE;
    }
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis((long) (s * 1000));
  }
}
