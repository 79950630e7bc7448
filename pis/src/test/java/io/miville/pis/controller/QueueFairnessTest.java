package io.miville.pis.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SEEK queue: urgency is respected, and aging keeps a constant stream of urgent arrivals from
 * starving a normal one (effective priority = urgency weight + seconds waited × aging rate).
 */
class QueueFairnessTest {

  private static PisConfig patient(double agingRate) {
    return PisConfig.builder().queueTimeout(Duration.ofHours(2)).queueBound(10_000).agingRate(agingRate).build();
  }

  @Test
  void theMoreUrgentGoesFirst() {
    Harness h = new Harness(patient(1.0));
    h.send("COMET", "commode1@banos.com", "holder@x.org");
    Harness.Answers normal = h.send("SEEK", "resourcecontroller@banos.com", "normal@x.org");
    Harness.Answers bursting = h.send("SEEK", "resourcecontroller@banos.com", "bursting@x.org", "Urgency: Bursting");
    Harness.Answers urgent = h.send("SEEK", "resourcecontroller@banos.com", "urgent@x.org", "Urgency: Urgent");
    assertThat(bursting.last().header(DefaultPisController.PIS_QUEUE).orElseThrow()).startsWith("position=1;");
    assertThat(urgent.last().header(DefaultPisController.PIS_QUEUE).orElseThrow()).startsWith("position=2;");
    assertThat(normal.last().header(DefaultPisController.PIS_QUEUE).orElseThrow()).startsWith("position=1;");
    h.advance(Duration.ofSeconds(5));
    h.send("VOMET", "commode1@banos.com", "holder@x.org");
    assertThat(bursting.status()).isEqualTo(200);
    assertThat(urgent.status()).isEqualTo(110);
    h.send("VOMET", "commode1@banos.com", "bursting@x.org");
    assertThat(urgent.status()).isEqualTo(200);
    assertThat(normal.status()).isEqualTo(110);
    h.send("VOMET", "commode1@banos.com", "urgent@x.org");
    assertThat(normal.status()).isEqualTo(200);
  }

  /**
   * One proxy, each user keeps it 30 s, an Urgent seeker arrives every 10 s (three times what it can
   * serve), and one Normal seeker waits from the start. Returns the seconds the Normal one waited,
   * or -1 if it was never served within {@code horizon}.
   */
  private static long normalWaitUnderUrgentStream(double agingRate, int horizon) {
    Harness h = new Harness(patient(agingRate));
    h.send("COMET", "commode1@banos.com", "first@x.org");
    Harness.Answers normal = h.send("SEEK", "resourcecontroller@banos.com", "normal@x.org");
    List<Harness.Answers> urgents = new ArrayList<>();
    String holder = "first@x.org";
    long heldSince = 0;
    for (int t = 1; t <= horizon; t++) {
      h.advance(Duration.ofSeconds(1));
      if (t % 10 == 0) {
        urgents.add(h.send("SEEK", "resourcecontroller@banos.com", "urgent" + t + "@x.org", "Urgency: Urgent"));
      }
      if (t - heldSince >= 30) {
        h.send("VOMET", "commode1@banos.com", holder);
        heldSince = t;
        if (normal.status() == 200) {
          return t;
        }
        holder = urgents.stream().filter(a -> a.status() == 200 && a.responses.size() == 2)
            .map(a -> a.request.from().orElseThrow().uri().toString().replace("sip:", "")).reduce((a, b) -> b)
            .orElse(holder);
        // the last urgent served is the holder now; drop it from the candidates
        String current = holder;
        urgents.removeIf(a -> a.request.from().orElseThrow().uri().toString().endsWith(current));
      }
    }
    return -1;
  }

  @Test
  void agingServesANormalSeekerDespiteAConstantStreamOfUrgentOnes() {
    long waited = normalWaitUnderUrgentStream(1.0, 3600);
    // urgent ones that came in its first 60 s go first (weight 60 s), then its turn
    assertThat(waited).isPositive().isLessThanOrEqualTo(60 + 7 * 30);
  }

  @Test
  void withoutAgingTheSameNormalSeekerStarves() {
    assertThat(normalWaitUnderUrgentStream(0.0, 1800)).isEqualTo(-1);
  }
}
