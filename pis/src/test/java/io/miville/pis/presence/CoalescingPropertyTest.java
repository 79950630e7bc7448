package io.miville.pis.presence;

import static io.miville.pis.presence.PresenceFixture.snapshot;
import static io.miville.pis.presence.PresenceFixture.subscribe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.miville.codec.SipRequest;
import io.miville.pis.controller.ProxyCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Coalescing under any timing of changes, on a manual clock. */
class CoalescingPropertyTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final long INTERVAL = Duration.ofMillis(500).toNanos();

  @Property(tries = 200)
  void neverFasterThanTheIntervalNeverLaterThanItAndTheLatestWins(
      @ForAll @Size(min = 1, max = 40) List<@IntRange(min = 0, max = 1200) Integer> gapsMillis) throws Exception {
    PresenceFixture f = new PresenceFixture();
    f.send(subscribe("sip:resourcecontroller@" + PresenceFixture.HOST, "pis-cluster", 3600L, "p", 1, null));
    List<long[]> changes = new ArrayList<>(); // {time, version}
    long version = 1;
    for (int gap : gapsMillis) {
      f.advanceMillis(gap);
      version++;
      f.change(snapshot("c1", version, version % 2 == 0 ? ProxyCondition.OCCUPIED : ProxyCondition.AVAILABLE,
          (int) version));
      changes.add(new long[] {f.time.nanos(), version});
    }
    f.advance(Duration.ofSeconds(2));

    List<SipRequest> notifies = f.notifies();
    List<Long> times = f.notifyTimes();
    List<Long> versions = new ArrayList<>();
    for (SipRequest n : notifies) {
      versions.add(JSON.readTree(n.body()).get("version").asLong());
    }
    // at most one NOTIFY per interval
    for (int i = 1; i < times.size(); i++) {
      assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(INTERVAL);
    }
    // versions only grow, none is sent twice, and the last state sent is the last state
    for (int i = 1; i < versions.size(); i++) {
      assertThat(versions.get(i)).isGreaterThan(versions.get(i - 1));
    }
    assertThat(versions.get(versions.size() - 1)).isEqualTo(version);
    // every change is told within one interval, by its own NOTIFY or a later state
    for (long[] c : changes) {
      boolean told = false;
      for (int i = 0; i < times.size() && !told; i++) {
        told = versions.get(i) >= c[1] && times.get(i) >= c[0] && times.get(i) <= c[0] + INTERVAL;
      }
      assertThat(told).as("version %d at %d told within the interval", c[1], c[0]).isTrue();
    }
  }
}
