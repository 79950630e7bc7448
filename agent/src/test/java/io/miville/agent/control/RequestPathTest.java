package io.miville.agent.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.miville.agent.api.AgentException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPathTest {

  @Test
  void splitsBeforeDecoding() {
    assertThat(RequestPath.segments("/contacts/a%2Fb/keep")).hasValue(List.of("contacts", "a/b", "keep"));
    assertThat(RequestPath.segments("/contacts/caf%C3%A9+x%20y")).hasValue(List.of("contacts", "café+x y"));
    assertThat(RequestPath.segments("/")).hasValue(List.of());
    assertThat(RequestPath.segments("/agent/")).hasValue(List.of("agent"));
  }

  @Test
  void emptySegmentsMatchNothing() {
    assertThat(RequestPath.segments("//agent")).isEmpty();
    assertThat(RequestPath.segments("/a//b")).isEmpty();
    assertThat(RequestPath.segments("agent")).isEmpty();
  }

  @Test
  void malformedEscapesAndNonUtf8Are400() {
    for (String bad : List.of("/a%zz", "/a%2", "/a%", "/%C3", "/%FF%FE")) {
      assertThatThrownBy(() -> RequestPath.segments(bad)).as(bad).isInstanceOf(AgentException.class)
          .extracting(e -> ((AgentException) e).status()).isEqualTo(400);
    }
  }
}
