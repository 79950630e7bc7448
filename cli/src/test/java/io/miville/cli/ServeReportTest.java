package io.miville.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.miville.node.uas.UasCounters;
import io.miville.transaction.TransactionCounters;
import io.miville.transaction.TransactionKind;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exit report of serve says where every call and transaction is. */
class ServeReportTest {

  @Test
  void callsLineAccountsForEveryAnsweredCall() {
    // the counts of a loaded run: 18 ACKs and 6 BYEs lost in the kernel's socket buffer
    var u = new UasCounters.Snapshot(15000, 15000, 0, 14982, 0, 14994, 12, 0, 0, 0, 0, 0, 0, 0);
    assertThat(ServeCommand.callsLine(u, 6)).isEqualTo("calls: 15000 invited, 15000 answered, 0 refused,"
        + " 14982 confirmed, 14994 ended, 0 cancelled, 0 never acknowledged, 12 ended before their ACK,"
        + " 6 still waiting for their ACK, 6 up");
  }

  private static TransactionCounters counters(long inviteCompleted, long byeCompleted) {
    Map<TransactionKind, TransactionCounters.Kind> kinds = new EnumMap<>(TransactionKind.class);
    kinds.put(TransactionKind.INVITE_CLIENT, new TransactionCounters.Kind(0, 0, 0, 0));
    kinds.put(TransactionKind.NON_INVITE_CLIENT, new TransactionCounters.Kind(0, 0, 0, 0));
    kinds.put(TransactionKind.INVITE_SERVER, new TransactionCounters.Kind(15000, inviteCompleted, 0, 0));
    kinds.put(TransactionKind.NON_INVITE_SERVER, new TransactionCounters.Kind(14994, byeCompleted, 0, 0));
    return new TransactionCounters(kinds, 0, 0, 1772, 4144, 0, 0, 0, 0);
  }

  @Test
  void transactionsLineShowsTheLiveOnesAndWhyTheyAreNotCompletedYet() {
    String line = ServeCommand.transactionsLine(counters(0, 0), Duration.ofSeconds(32));
    assertThat(line).startsWith("transactions: INVITE server 15000 created, 0 completed, 0 timed out,"
        + " 0 transport errors, 15000 live; non-INVITE server 14994 created, 0 completed, 0 timed out,"
        + " 0 transport errors, 14994 live; 1772 retransmissions sent, 4144 absorbed,")
        .doesNotContain("client")
        .contains("stays live 64*T1 = 32 s after its final response");
  }

  @Test
  void transactionsLineHasNoExplanationWhenNothingIsLive() {
    String line = ServeCommand.transactionsLine(counters(15000, 14994), Duration.ofMillis(32500));
    assertThat(line).contains("15000 completed", "0 live").doesNotContain("stays live").doesNotContain("\n");
    assertThat(ServeCommand.transactionsLine(counters(0, 0), Duration.ofMillis(32500))).contains("= 32.500 s");
  }
}
