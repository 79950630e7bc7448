package io.miville.cli;

import io.miville.codec.HeaderName;
import io.miville.codec.SipMethod;
import io.miville.codec.SipParseException;
import io.miville.codec.SipRequest;
import io.miville.codec.header.HeaderType;
import io.miville.codec.header.PisHeaders;
import io.miville.codec.uri.SipUri;
import io.miville.codec.uri.Uri;
import io.miville.node.SipNode;
import io.miville.node.uac.Destinations;
import io.miville.pis.client.Exchange;
import io.miville.pis.client.PisClient;
import io.miville.pis.controller.ProxyCondition;
import io.miville.transaction.TimerConfig;
import io.miville.transport.Transport;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
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

/**
 * {@code miville pis seek|aim|flush|wash|freshen URI}: one request of draft-pis-00 §2 to a resource
 * controller, printing every message sent and received as on the wire (or in the draft's short
 * form), exit 0 on a 2xx. The subclasses add the headers of their method.
 */
abstract class PisRequestCommand implements Callable<Integer> {
  private final StandardStreams io;
  private final SipMethod method;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "URI",
      description = "The Request-URI: a controller or a proxy, e.g. resourcecontroller@latrine1.loo.com (sip: may be left out).")
  String target;

  @Option(names = "--controller", paramLabel = "URI", defaultValue = "sip:127.0.0.1:5070",
      description = "Where the controller listens (default: ${DEFAULT-VALUE}); ;transport=tcp for TCP.")
  String controller;

  @Option(names = "--from", paramLabel = "USER@DOMAIN",
      description = "Who is asking (default: anonymous at the URI's domain).")
  String from;

  @Option(names = "--tid", paramLabel = "N", description = "A transaction number (TID header; PIS/1.0 FLUSH TID=1 in short form).")
  Long tid;

  @Option(names = {"-H", "--header"}, paramLabel = "'NAME: VALUE'", description = "An extra header line (repeatable).")
  List<String> extraHeaders = new ArrayList<>();

  @Option(names = "--short-form",
      description = "Print PIS/1.0 messages in the draft's short form (PIS/1.0 FLUSH TID=1, 100 INFO TID=1).")
  boolean shortForm;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "40",
      description = "Give up after this long (default: ${DEFAULT-VALUE}; a queued SEEK may wait; Timer F is 32 s).")
  double timeoutSeconds;

  PisRequestCommand(StandardStreams io, SipMethod method) {
    this.io = io;
    this.method = method;
  }

  /** Adds the headers of this method from its options; throws {@link ParameterException} on bad values. */
  abstract void addHeaders(SipRequest.Builder b);

  /** Sets header {@code type} from its text, checked by the codec's grammar. */
  <T> void typed(SipRequest.Builder b, HeaderType<T> type, String raw) {
    if (raw == null) {
      return;
    }
    try {
      b.header(type, type.parse(raw));
    } catch (SipParseException e) {
      throw new ParameterException(spec.commandLine(), "bad " + type.name() + " value '" + raw + "': " + e.reason());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "bad " + type.name() + " value '" + raw + "': " + e.getMessage());
    }
  }

  /** A URI as the draft writes it ({@code head@ships-a-hoy.com}) or a full one. */
  static Uri lenientUri(String text) {
    String lower = text.toLowerCase(java.util.Locale.ROOT);
    boolean hasScheme = lower.startsWith("sip:") || lower.startsWith("sips:") || lower.startsWith("tel:");
    return Uri.parse(hasScheme ? text : "sip:" + text);
  }

  @Override
  public Integer call() throws InterruptedException {
    Uri uri;
    Destinations dest;
    try {
      uri = lenientUri(target);
      dest = Destinations.of(Uri.parse(controller));
    } catch (SipParseException e) {
      throw new ParameterException(spec.commandLine(), "not a URI: " + e.reason());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (dest.transport() != Transport.UDP && dest.transport() != Transport.TCP) {
      throw new ParameterException(spec.commandLine(), "pis requests go over udp or tcp");
    }
    String user = "anonymous";
    String domain = uri instanceof SipUri s ? s.host() : "pis.invalid";
    if (from != null) {
      int at = from.indexOf('@');
      if (at <= 0 || at == from.length() - 1) {
        throw new ParameterException(spec.commandLine(), "--from wants USER@DOMAIN");
      }
      user = from.substring(0, at);
      domain = from.substring(at + 1);
    }
    List<String[]> extra = new ArrayList<>();
    for (String h : extraHeaders) {
      int colon = h.indexOf(':');
      if (colon <= 0) {
        throw new ParameterException(spec.commandLine(), "--header wants 'NAME: VALUE', got '" + h + "'");
      }
      extra.add(new String[] {h.substring(0, colon).trim(), h.substring(colon + 1).trim()});
    }
    try (SipNode node = clientNode(dest)) {
      PisClient.Agent ua = PisClient.create(node, dest).agent(user, domain);
      SipRequest.Builder b = ua.request(method, uri);
      if (tid != null) {
        b.header(PisHeaders.TID, tid);
      }
      addHeaders(b);
      extra.forEach(h -> b.header(h[0], h[1]));
      Exchange x = ua.send(b.shortForm(shortForm).build()).toCompletableFuture()
          .get((long) (timeoutSeconds * 1000), TimeUnit.MILLISECONDS);
      io.out().print(x.transcript(shortForm));
      io.out().printf("%s: %d %s in %.1f ms%n", method.name(), x.status(), x.finalResponse().reason(),
          x.elapsed().toNanos() / 1e6);
      return x.succeeded() ? ExitCode.OK : ExitCode.FAILURE;
    } catch (TimeoutException e) {
      io.out().println("no final answer from " + controller + " within " + timeoutSeconds + " s");
      return ExitCode.FAILURE;
    } catch (ExecutionException e) {
      io.out().println("failed: " + e.getCause());
      return ExitCode.FAILURE;
    } catch (SipParseException e) {
      throw new ParameterException(spec.commandLine(), "bad header: " + e.reason());
    } catch (ParameterException e) {
      throw e;
    } catch (RuntimeException e) {
      io.err().println("miville pis " + method.name().toLowerCase() + ": " + e.getMessage());
      return ExitCode.FAILURE;
    }
  }

  /** A node of our own on the controller's transport: loopback if the controller is there. */
  static SipNode clientNode(Destinations dest) {
    boolean v6 = dest.address().getAddress() instanceof Inet6Address;
    InetSocketAddress local = new InetSocketAddress(v6 ? "::" : "0.0.0.0", 0);
    if (dest.address().getAddress().isLoopbackAddress()) {
      local = new InetSocketAddress(dest.address().getAddress(), 0);
    }
    return SipNode.builder().listen(dest.transport(), local).lanes(1).ioThreads(1).timers(TimerConfig.DEFAULT)
        .build().start();
  }

  /** {@code miville pis seek}: is a proxy available? (§2.1, Appendix 1) */
  @Command(name = "seek", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Send SEEK: ask a resource controller for an available proxy (draft-pis-00 §2.1).",
          "", "Answers: 110 Queued, 200 Proxy Available, 300 No suitable proxy available, 301 Closed for cleaning."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:answered 2xx", "1:answered otherwise, or no answer in time", "2:usage error"})
  static final class Seek extends PisRequestCommand {
    @Option(names = "--requires", paramLabel = "ATTRS", description = "Requires, e.g. 'Clean-proxy Paper Sani-Shield'.")
    String requires;

    @Option(names = "--urgency", paramLabel = "URGENCY", description = "Normal, Urgent, Bursting or Too-Late.")
    String urgency;

    @Option(names = "--near", paramLabel = "TEXT", description = "Currently-Near-to, e.g. 'gate 14'.")
    String near;

    @Option(names = "--planet", paramLabel = "PLANET", description = "Planet, e.g. Earth.")
    String planet;

    @Option(names = "--geo", paramLabel = "POSITION", description = "Geo-spatial-position (see docs/pis-headers.md).")
    String geo;

    @Option(names = "--position", paramLabel = "POSITION",
        description = "Implementation-Specific-Position: building, floor, column, office.")
    String position;

    @Option(names = "--velocity", paramLabel = "VECTOR", description = "Velocity (see docs/pis-headers.md).")
    String velocity;

    @Option(names = "--preferences", paramLabel = "PREFS", description = "Preferences, e.g. 'Public-type, clean'.")
    String preferences;

    Seek(StandardStreams io) {
      super(io, SipMethod.SEEK);
    }

    @Override
    void addHeaders(SipRequest.Builder b) {
      typed(b, PisHeaders.REQUIRES, requires);
      typed(b, PisHeaders.URGENCY, urgency);
      typed(b, PisHeaders.CURRENTLY_NEAR_TO, near);
      typed(b, PisHeaders.PLANET, planet);
      typed(b, PisHeaders.GEO_SPATIAL_POSITION, geo);
      typed(b, PisHeaders.IMPLEMENTATION_SPECIFIC_POSITION, position);
      typed(b, PisHeaders.VELOCITY, velocity);
      typed(b, PisHeaders.PREFERENCES, preferences);
    }
  }

  /** {@code miville pis aim}: aim at a proxy before INVITE (§2.2). */
  @Command(name = "aim", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Send AIM to a proxy before INVITE (draft-pis-00 §2.2).", "",
          "Answers: 165/180/183 progress, 200 ON TARGET, 201, 300 Lift seat please, 307, 506, 507, 575."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:answered 2xx", "1:answered otherwise, or no answer in time", "2:usage error"})
  static final class Aim extends PisRequestCommand {
    @Option(names = "--urgency", paramLabel = "URGENCY", description = "Normal, Urgent, Bursting or Too-Late.")
    String urgency;

    Aim(StandardStreams io) {
      super(io, SipMethod.AIM);
    }

    @Override
    void addHeaders(SipRequest.Builder b) {
      typed(b, PisHeaders.URGENCY, urgency);
    }
  }

  /** {@code miville pis flush}: clean up after a session (§2.3). */
  @Command(name = "flush", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Send FLUSH to a proxy (draft-pis-00 §2.3).", "",
          "Answers: 100 INFO, 155 Tank Filling, 160 Swirling, 161 Drain circleage, 200 WOOOSH, 300 Partial Flush,"
              + " 404 No water, 470 Plugged, 602 Overflowed, 666 Backup, 667 Septic Reflux.",
          "The draft's exchange: miville pis flush head@ships-a-hoy.com --from user@ships-a-hoy.com --tid 1 --short-form"},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:answered 2xx", "1:answered otherwise, or no answer in time", "2:usage error"})
  static final class Flush extends PisRequestCommand {
    @Option(names = "--how", paramLabel = "HOW",
        description = "Tilt-Lever-handle, Injection-Tilt-Valve, Press-Button, Automatic, Plunger, Marine-Plunger-Pump,"
            + " Return-knob, Pail-o-water or Overhead-pull-chain.")
    String how;

    Flush(StandardStreams io) {
      super(io, SipMethod.FLUSH);
    }

    @Override
    void addHeaders(SipRequest.Builder b) {
      typed(b, PisHeaders.HOW, how);
    }
  }

  /** {@code miville pis wash}: ask for a sink (§2.4). */
  @Command(name = "wash", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Send WASH to a cluster's sinks (draft-pis-00 §2.4).", "",
          "Answers: 110 Queued, 101 INFO (Water-State, Soap, Dryer-Type...), 200 SINK-Available, No-Water,"
              + " Sink-not-clean."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:answered 2xx", "1:answered otherwise, or no answer in time", "2:usage error"})
  static final class Wash extends PisRequestCommand {
    Wash(StandardStreams io) {
      super(io, SipMethod.WASH);
    }

    @Override
    void addHeaders(SipRequest.Builder b) {}
  }

  /** {@code miville pis freshen}: mask malodor (§2.5). */
  @Command(name = "freshen", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Send FRESHEN to a proxy (draft-pis-00 §2.5).", "",
          "Answers: 200, 300 Fail with Info, 699 Explosion (a flame with methane present)."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:answered 2xx", "1:answered otherwise, or no answer in time", "2:usage error"})
  static final class Freshen extends PisRequestCommand {
    @Option(names = "--how", paramLabel = "HOW",
        description = "Ozium, Potpourri, Carboline-based-propellant-spray, Aromatic-candle, Strike-Match or Light-Cigarette.")
    String how;

    Freshen(StandardStreams io) {
      super(io, SipMethod.FRESHEN);
    }

    @Override
    void addHeaders(SipRequest.Builder b) {
      typed(b, PisHeaders.HOW, how);
    }
  }

  /** {@code miville pis comet}: reserve or clean a proxy (§2.6). */
  @Command(name = "comet", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Send COMET to a proxy: reservation or cleaning (draft-pis-00 §2.6); VOMET is its refusal."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:answered 2xx", "1:answered otherwise, or no answer in time", "2:usage error"})
  static final class Comet extends PisRequestCommand {
    Comet(StandardStreams io) {
      super(io, SipMethod.COMET);
    }

    @Override
    void addHeaders(SipRequest.Builder b) {}
  }

  /**
   * {@code miville pis operate}: an operator (or a sensor) sets a proxy's condition and flags with
   * a PUBLISH (RFC 3903) in the headers the controller reads (docs/pis.md, "PUBLISH from
   * sensors"); subscribers of the cluster hear of it at once.
   */
  @Command(name = "operate", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
      description = {"Set a proxy's condition and flags: an operator's or a sensor's PUBLISH.", "",
          "Conditions: Available, Closed-for-cleaning, Plugged, Overflowed, No-Water, Backup, Septic-Reflux,"
              + " Out-of-service (Available also clears faults). Answers: 200, 400 for a bad value, 404 for no such"
              + " proxy."},
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:answered 2xx", "1:answered otherwise, or no answer in time", "2:usage error"})
  static final class Operate extends PisRequestCommand {
    @Option(names = "--condition", paramLabel = "CONDITION", description = "The proxy's new condition.")
    String condition;

    @Option(names = "--info", paramLabel = "FLAGS",
        description = "The Info flags that hold now, e.g. 'No-Paper | Malodor', or none to clear them.")
    String info;

    @Option(names = "--methane", paramLabel = "PPM", description = "The methane level, parts per million.")
    Double methane;

    Operate(StandardStreams io) {
      super(io, SipMethod.PUBLISH);
    }

    @Override
    void addHeaders(SipRequest.Builder b) {
      if (condition == null && info == null && methane == null) {
        throw new ParameterException(spec.commandLine(), "say what changed: --condition, --info or --methane");
      }
      b.header(HeaderName.EVENT, "pis-sensor");
      if (condition != null) {
        String known = java.util.Arrays.stream(ProxyCondition.values())
            .map(c -> c.name().replace('_', '-'))
            .filter(c -> c.equalsIgnoreCase(condition.strip()))
            .findFirst()
            .orElseThrow(() -> new ParameterException(spec.commandLine(), "unknown condition '" + condition + "'"));
        b.header(HeaderName.of("Condition"), known);
      }
      if (info != null) {
        if (info.strip().equalsIgnoreCase("none")) {
          b.header(HeaderName.INFO, "none");
        } else {
          typed(b, PisHeaders.INFO, info);
        }
      }
      if (methane != null) {
        if (methane < 0 || methane.isNaN()) {
          throw new ParameterException(spec.commandLine(), "--methane must be a level of 0 or more");
        }
        b.header(HeaderName.of("Methane"), String.valueOf(methane));
      }
    }
  }
}
