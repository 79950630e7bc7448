package io.miville.pis.sipp;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.pis.PisNode;
import io.miville.pis.controller.PisConfig;
import io.miville.pis.site.DemoSite;
import io.miville.testkit.FreePorts;
import io.miville.testkit.Sipp;
import io.miville.transport.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real SIPp process runs the visit scenario {@code sipp/pis-visit.xml} (SEEK → AIM → INVITE →
 * ACK → BYE → FLUSH → WASH) against a PIS node serving the demo site on 127.0.0.1 over UDP: every
 * visit must succeed. The controller's time runs 100 times faster (a FLUSH takes 60 ms, not 6 s).
 */
class PisSippTest {
  private static final int VISITS = 20;

  @BeforeAll
  static void sippIsInstalled() {
    assertThat(Sipp.available()).as("sipp on the PATH (apt-get install sip-tester)").isTrue();
  }

  static Path scenario() {
    return Path.of("src/test/resources/sipp/pis-visit.xml");
  }

  @Test
  void everyVisitOfTheScenarioSucceeds() {
    try (PisNode pis = PisNode.builder().site(DemoSite.create(), PisNode.scaled(PisConfig.DEFAULT, 100))
        .listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0)).build().start()) {
      int port = pis.address(Transport.UDP).orElseThrow().getPort();
      Sipp.Result r = Sipp.scenario(scenario())
          .args("-i", "127.0.0.1", "-p", Integer.toString(FreePorts.udpAndTcp()), "-t", "u1",
              "-key", "cluster", "latrine1.loo.com", "-m", Integer.toString(VISITS), "-r", "10", "-l", "5",
              "-timeout", "60s", "-timeout_error", "127.0.0.1:" + port)
          .bound(Duration.ofSeconds(90)).run();

      assertThat(r.exitCode()).as(r.describe()).isZero();
      assertThat(r.successfulCalls()).as(r.describe()).isEqualTo(VISITS);
      assertThat(r.failedCalls()).as(r.describe()).isZero();
      // six requests a visit reach the controller (the ACK is not a request it answers)
      assertThat(pis.requests()).isEqualTo(6L * VISITS);
    }
  }
}
