package io.miville.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The harness itself: SIPp's own uac against SIPp's own uas, and the outcome read back. */
class SippTest {

  @Test
  void uacAgainstUasCompletesEveryCallAndReportsIt() {
    assertThat(Sipp.available()).as("sipp on the PATH (apt-get install sip-tester)").isTrue();
    int uasPort = FreePorts.udpAndTcp();
    try (Sipp.Running uas = Sipp.builtIn("uas").args("-i", "127.0.0.1", "-p", Integer.toString(uasPort))
        .bound(Duration.ofSeconds(60)).start()) {
      Sipp.Result uac = Sipp.builtIn("uac")
          .args("-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()), "-m", "20", "-r", "50",
              "-d", "0", "-timeout", "30s", "-timeout_error", "127.0.0.1:" + uasPort)
          .bound(Duration.ofSeconds(45)).run();
      assertThat(uac.exitCode()).as(uac.describe()).isZero();
      assertThat(uac.successfulCalls()).as(uac.describe()).isEqualTo(20);
      assertThat(uac.failedCalls()).isZero();
    }
  }

  @Test
  void aCallToNobodyIsReportedAsFailed() {
    int nobody = FreePorts.udpAndTcp();
    Sipp.Result uac = Sipp.builtIn("uac")
        .args("-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()), "-m", "1",
            "-recv_timeout", "1000", "-timeout", "10s", "127.0.0.1:" + nobody)
        .bound(Duration.ofSeconds(30)).run();
    assertThat(uac.exitCode()).as(uac.describe()).isNotZero();
    assertThat(uac.successfulCalls()).isZero();
  }
}
