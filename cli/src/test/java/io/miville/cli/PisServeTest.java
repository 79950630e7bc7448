package io.miville.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.pis.PisNode;
import io.miville.transport.Transport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code miville pis serve} with the demo site: where it listens, answers a SEEK, counters on exit. */
class PisServeTest {

  @Test
  void serveAnswersASeekAndPrintsItsCountersOnExit() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StandardStreams io = new StandardStreams(new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8));
    CommandLine cl = Main.commandLine(io);
    PisServeCommand serve = cl.getSubcommands().get("pis").getSubcommands().get("serve").getCommand();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("pis", "serve", "--udp",
        "127.0.0.1:0", "--duration", "60"));
    PisNode node = serve.started().toCompletableFuture().get(20, TimeUnit.SECONDS);
    int port = node.address(Transport.UDP).orElseThrow().getPort();

    Cli.Result seek = Cli.run("pis", "seek", "resourcecontroller@latrine1.loo.com", "--controller",
        "sip:127.0.0.1:" + port, "--requires", "Stall-proxy");
    serve.stop();

    assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
    assertThat(seek.exitCode()).as(seek.out()).isZero();
    assertThat(seek.out()).contains("PIS/1.0 200 Proxy Available");
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("listening on udp 127.0.0.1:" + port, "serving MSY demo", "pis: 1 requests; answers: 200 x1");
  }
}
