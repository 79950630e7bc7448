package io.miville.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code miville agent} runs an agent whose control API the verbs reach; it stops cleanly. */
class AgentCommandTest {
  @TempDir Path dir;

  @Test
  void runsAnAgentTheVerbsCanDriveAndStopsCleanly() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StandardStreams io = new StandardStreams(new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true,
            StandardCharsets.UTF_8));
    CommandLine cl = Main.commandLine(io);
    AgentCommand agent = cl.getSubcommands().get("agent").getCommand();
    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute("agent", "--name", "carol",
        "--sip", "127.0.0.1:0", "--control", "127.0.0.1:0", "--data-dir", dir.toString(), "--auto-answer"));
    CompletableFuture.anyOf(agent.started().toCompletableFuture(), exit).get(20, TimeUnit.SECONDS);
    assertThat(agent.started().toCompletableFuture()).isCompleted();
    String control = "127.0.0.1:" + agent.control().address().getPort();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("agent carol at sip:carol@127.0.0.1:")
        .contains("(answers by itself)").contains("control API on http://" + control);

    Cli.Result added = Cli.run("contacts", "add", "dave", "sip:dave@127.0.0.1:5999", "--control", control);
    assertThat(added.exitCode()).as(added.err()).isZero();
    assertThat(dir.resolve("contacts.json")).content().contains("sip:dave@127.0.0.1:5999");
    Cli.Result sessions = Cli.run("sessions", "--json", "--control", control);
    assertThat(sessions.exitCode()).isZero();
    assertThat(sessions.out().strip()).isEqualTo("{\"sessions\":[]}");

    agent.stop();
    assertThat(exit.get(20, TimeUnit.SECONDS)).isEqualTo(ExitCode.OK);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("agent carol stopped");
    assertThat(Cli.run("sessions", "--control", control).exitCode()).isEqualTo(ExitCode.USAGE);
  }
}
