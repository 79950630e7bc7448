package io.miville.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.testkit.FreePorts;
import io.miville.testkit.Sipp;
import io.miville.transport.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code miville serve} answering SIPp's calls, and {@code miville options} pinging it. */
class ServeAndOptionsTest {

  /** A serve command running in the background, with its output captured. */
  private static final class RunningServe implements AutoCloseable {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ServeCommand serve;
    final CompletableFuture<Integer> exit;

    RunningServe(String... args) throws Exception {
      StandardStreams io = new StandardStreams(new ByteArrayInputStream(new byte[0]),
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
              StandardCharsets.UTF_8));
      CommandLine cl = Main.commandLine(io);
      serve = cl.getSubcommands().get("serve").getCommand();
      String[] all = new String[args.length + 1];
      all[0] = "serve";
      System.arraycopy(args, 0, all, 1, args.length);
      exit = CompletableFuture.supplyAsync(() -> cl.execute(all));
      // wait until it listens, or fail at once if it exits without starting
      CompletableFuture.anyOf(serve.started().toCompletableFuture(), exit).get(20, TimeUnit.SECONDS);
      if (!serve.started().toCompletableFuture().isDone()) {
        throw new IllegalStateException("serve did not start: " + output());
      }
    }

    int port(Transport t) {
      return serve.node().address(t).orElseThrow().getPort();
    }

    String output() {
      return out.toString(StandardCharsets.UTF_8);
    }

    int stop() throws Exception {
      serve.stop();
      return exit.get(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
      if (!exit.isDone()) {
        stop();
      }
    }
  }

  @Test
  void serveAnswersSippCallsAndReportsThemOnExit() throws Exception {
    try (RunningServe serve = new RunningServe("--udp", "127.0.0.1:0", "--tcp", "127.0.0.1:0")) {
      assertThat(serve.output()).contains("listening on udp 127.0.0.1:", "listening on tcp 127.0.0.1:");
      Sipp.Result r = Sipp.builtIn("uac")
          .args("-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()), "-m", "50", "-r", "50",
              "-d", "0", "-timeout", "30s", "-timeout_error", "127.0.0.1:" + serve.port(Transport.UDP))
          .bound(Duration.ofSeconds(45)).run();
      assertThat(r.exitCode()).as(r.describe()).isZero();
      assertThat(r.successfulCalls()).isEqualTo(50);
      assertThat(serve.stop()).isEqualTo(ExitCode.OK);
      assertThat(serve.output()).contains("calls: 50 invited, 50 answered, 0 refused, 50 confirmed, 50 ended")
          .containsPattern("udp: \\d+ datagrams dropped by the kernel");
    }
  }

  /**
   * Forwards SIPp's requests to serve over UDP, except the ACK and the BYE of SIPp's first call
   * (Call-ID {@code 1-...}): what a full socket receive buffer does to them under load. Serve
   * answers SIPp directly (to its Via).
   */
  private static final class LossyRelay implements AutoCloseable {
    final DatagramChannel channel = DatagramChannel.open();
    final List<String> dropped = new CopyOnWriteArrayList<>();
    private final Thread thread;

    LossyRelay(InetSocketAddress serve) throws Exception {
      channel.bind(new InetSocketAddress("127.0.0.1", 0));
      thread = Thread.ofPlatform().daemon().name("lossy-relay").start(() -> {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        try {
          while (true) {
            buf.clear();
            channel.receive(buf);
            buf.flip();
            String text = StandardCharsets.UTF_8.decode(buf.duplicate()).toString();
            String method = text.substring(0, Math.max(0, text.indexOf(' ')));
            if ((method.equals("ACK") || method.equals("BYE")) && text.contains("\nCall-ID: 1-")) {
              dropped.add(method);
            } else {
              channel.send(buf, serve);
            }
          }
        } catch (java.io.IOException closed) {
          // close() ends the relay
        }
      });
    }

    int port() throws Exception {
      return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    @Override
    public void close() throws Exception {
      channel.close();
      thread.join(5000);
    }
  }

  @Test
  void aLostAckAndByeLeaveTheCallUpWhileSippCountsItAsASuccess() throws Exception {
    try (RunningServe serve = new RunningServe("--udp", "127.0.0.1:0");
        LossyRelay relay = new LossyRelay(new InetSocketAddress("127.0.0.1", serve.port(Transport.UDP)))) {
      Sipp.Result r = Sipp.builtIn("uac")
          .args("-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()), "-m", "2", "-r", "10", "-d", "0",
              "-timeout", "20s", "127.0.0.1:" + relay.port())
          .bound(Duration.ofSeconds(30)).run();
      // SIPp takes the retransmitted 2xx of the INVITE (the ACK never came) for the 200 to its BYE:
      // its uac matches responses by Call-ID and status only
      assertThat(r.exitCode()).as(r.describe()).isZero();
      assertThat(r.successfulCalls()).isEqualTo(2);
      assertThat(relay.dropped).contains("ACK", "BYE");
      serve.stop();
      assertThat(serve.output()).contains("calls: 2 invited, 2 answered, 0 refused, 1 confirmed, 1 ended,"
          + " 0 cancelled, 0 never acknowledged, 0 ended before their ACK, 1 still waiting for their ACK, 1 up");
    }
  }

  /** Runs {@code calls} SIPp calls against a serve started with {@code args}; the per-call log lines it wrote. */
  private static List<String> callLogLines(int calls, String... args) throws Exception {
    Logger root = LogManager.getLogManager().getLogger("");
    Level rootLevel = root.getLevel();
    Map<Handler, Level> handlerLevels = new HashMap<>();
    for (Handler h : root.getHandlers()) {
      handlerLevels.put(h, h.getLevel());
    }
    Logger uasLogger = Logger.getLogger("miville.uas");
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler recorder = new Handler() {
      @Override
      public void publish(LogRecord r) {
        lines.add(r.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    uasLogger.addHandler(recorder);
    try (RunningServe serve = new RunningServe(args)) {
      Sipp.Result r = Sipp.builtIn("uac")
          .args("-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()), "-m", Integer.toString(calls),
              "-r", "10", "-d", "0", "-timeout", "20s", "127.0.0.1:" + serve.port(Transport.UDP))
          .bound(Duration.ofSeconds(30)).run();
      assertThat(r.exitCode()).as(r.describe()).isZero();
      serve.stop();
      assertThat(serve.output()).contains("calls: " + calls + " invited, " + calls + " answered");
      return List.copyOf(lines);
    } finally {
      uasLogger.removeHandler(recorder);
      root.setLevel(rootLevel);
      handlerLevels.forEach(Handler::setLevel);
    }
  }

  @Test
  void serveLogsOneLinePerCallAtInfoAndNoneAtWarning() throws Exception {
    assertThat(callLogLines(2, "--udp", "127.0.0.1:0", "--log-level", "info")).hasSize(2);
    assertThat(callLogLines(2, "--udp", "127.0.0.1:0", "--log-level", "WARNING")).isEmpty();
  }

  @Test
  void serveRefusesAnUnknownLogLevel() {
    Cli.Result r = Cli.run("serve", "--log-level", "loud");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("expected one of off, error, warning, info, debug, trace, got 'loud'");
  }

  @Test
  void serveRefusesByPolicyAndSippSeesTheRefusal() throws Exception {
    try (RunningServe serve = new RunningServe("--udp", "127.0.0.1:0", "--answer", "486")) {
      Sipp.Result r = Sipp.builtIn("uac")
          .args("-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()), "-m", "3", "-r", "10",
              "-timeout", "20s", "127.0.0.1:" + serve.port(Transport.UDP))
          .bound(Duration.ofSeconds(30)).run();
      // SIPp's uac expects 200: every call fails, on the 486 the UAS chose
      assertThat(r.exitCode()).as(r.describe()).isNotZero();
      assertThat(r.successfulCalls()).isZero();
      serve.stop();
      assertThat(serve.output()).contains("calls: 3 invited, 0 answered, 3 refused");
    }
  }

  @Test
  void optionsPingsServeOverUdpAndTcp() throws Exception {
    try (RunningServe serve = new RunningServe("--udp", "127.0.0.1:0", "--tcp", "127.0.0.1:0")) {
      Cli.Result udp = Cli.run("options", "sip:127.0.0.1:" + serve.port(Transport.UDP));
      assertThat(udp.exitCode()).as(udp.err()).isEqualTo(ExitCode.OK);
      assertThat(udp.out()).startsWith("SIP/2.0 200 OK").contains("Allow: INVITE, ACK, BYE, CANCEL, OPTIONS")
          .containsPattern("round trip: \\d+\\.\\d{3} ms");
      Cli.Result tcp = Cli.run("options", "--quiet", "sip:127.0.0.1:" + serve.port(Transport.TCP) + ";transport=tcp");
      assertThat(tcp.exitCode()).isEqualTo(ExitCode.OK);
      assertThat(tcp.out()).startsWith("SIP/2.0 200 OK\nround trip: ");
    }
  }

  @Test
  void optionsToNobodyFailsWithinItsTimeout() {
    Cli.Result r = Cli.run("options", "--timeout", "1", "sip:127.0.0.1:" + FreePorts.udpAndTcp());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.out()).contains("no answer from");
  }

  @Test
  void optionsRefusesWhatIsNotASipUri() {
    assertThat(Cli.run("options", "http://example.com/").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(Cli.run("options", "sip:a@b;transport=ws").exitCode()).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void serveRefusesTlsWithoutCertificate() {
    Cli.Result r = Cli.run("serve", "--tls", "127.0.0.1:0");
    assertThat(r.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(r.err()).contains("--tls needs --cert and --key");
  }
}
