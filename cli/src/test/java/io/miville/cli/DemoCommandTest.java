package io.miville.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The demo runs two real agents and passes only if audio flowed both ways with both profiles. */
class DemoCommandTest {

  @Test
  void demoStreamsBothWaysWithBothProfilesAndReleasesEverything() {
    Cli.Result r = Cli.run("demo", "--seconds", "1");
    assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(ExitCode.OK);
    assertThat(r.out())
        .contains("alice calls bob with the default profile")
        .contains("bob   call from alice (auto) with profile default, answered automatically")
        .containsPattern("stream-1 sink +PCMU .* 200 Streaming +peer 200 Streaming +\\d+ packets, \\d+ lost")
        .containsPattern("stream-0 sink +L16 .* 200 Streaming")
        .contains("bob   session ended: hung up by peer")
        .contains("ports still held: alice 0 blocks, bob 0 blocks")
        .contains("demo passed");
  }
}
