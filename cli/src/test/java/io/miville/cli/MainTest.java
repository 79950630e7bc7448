package io.miville.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The top command: help, version and usage errors. */
class MainTest {

  @Test
  void helpListsTheSubcommandsWithOneLineEach() {
    Cli.Result result = Cli.run("--help");
    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(result.out())
        .contains("Usage: miville", "Commands:")
        .containsPattern("\\n  check +Check that files hold valid SIP/2\\.0 or PIS/1\\.0 messages\\.\\n")
        .contains("Exit codes:");
    assertThat(result.err()).isEmpty();
  }

  @Test
  void helpCommandShowsTheHelpOfACommand() {
    Cli.Result result = Cli.run("help", "check");
    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).contains("Usage: miville check");
  }

  @Test
  void versionComesFromTheBuild() {
    Cli.Result result = Cli.run("--version");
    assertThat(result.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(result.out()).startsWith("miville " + VersionProvider.version() + "\n");
    assertThat(VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+.*").doesNotContain("${");
  }

  @Test
  void noCommandPrintsTheUsageOnStderrAndIsAUsageError() {
    Cli.Result result = Cli.run();
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).contains("Usage: miville", "check");
  }

  @Test
  void unknownOptionIsAUsageError() {
    Cli.Result result = Cli.run("--frobnicate");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.out()).isEmpty();
    assertThat(result.err()).startsWith("miville: Unknown option: '--frobnicate'")
        .contains("Try 'miville --help'");
  }

  @Test
  void unknownCommandIsAUsageErrorWithASuggestion() {
    Cli.Result result = Cli.run("chek", "x.dat");
    assertThat(result.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(result.err()).contains("chek", "check");
  }
}
