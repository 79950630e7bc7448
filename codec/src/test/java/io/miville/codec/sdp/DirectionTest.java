package io.miville.codec.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 3264 §6.1: the direction of an answer given the offer's. */
class DirectionTest {

  @Test
  void allowedAnswersAreTheTableOfSection6Point1() {
    assertThat(Direction.SENDONLY.allowedAnswers())
        .isEqualTo(EnumSet.of(Direction.RECVONLY, Direction.INACTIVE));
    assertThat(Direction.RECVONLY.allowedAnswers())
        .isEqualTo(EnumSet.of(Direction.SENDONLY, Direction.INACTIVE));
    assertThat(Direction.SENDRECV.allowedAnswers()).isEqualTo(EnumSet.allOf(Direction.class));
    assertThat(Direction.INACTIVE.allowedAnswers()).isEqualTo(EnumSet.of(Direction.INACTIVE));
  }

  @Test
  void answerIsAlwaysAllowedAndAsFullAsTheAnswererWants() {
    for (Direction offer : Direction.values()) {
      for (boolean send : new boolean[] {false, true}) {
        for (boolean receive : new boolean[] {false, true}) {
          Direction answer = offer.answer(send, receive);
          assertThat(offer.allowedAnswers()).as("%s answered %s", offer, answer)
              .contains(answer);
          assertThat(answer.sends()).isEqualTo(send && offer.receives());
          assertThat(answer.receives()).isEqualTo(receive && offer.sends());
        }
      }
      // a willing answerer answers the mirror image
      assertThat(offer.answer(true, true)).isEqualTo(offer.reverse());
    }
    assertThat(Direction.SENDONLY.answer(true, true)).isEqualTo(Direction.RECVONLY);
    assertThat(Direction.SENDRECV.answer(false, true)).isEqualTo(Direction.RECVONLY);
    assertThat(Direction.SENDRECV.answer(true, false)).isEqualTo(Direction.SENDONLY);
    assertThat(Direction.RECVONLY.answer(false, true)).isEqualTo(Direction.INACTIVE);
  }

  @Test
  void readsOnlyPropertyAttributes() {
    assertThat(Direction.fromAttribute(Attribute.of("sendonly"))).contains(Direction.SENDONLY);
    assertThat(Direction.fromAttribute(Attribute.of("sendonly", "x"))).isEmpty();
    assertThat(Direction.fromAttribute(Attribute.of("SENDONLY"))).isEmpty();
    assertThat(Direction.fromName("inactive")).isEqualTo(Optional.of(Direction.INACTIVE));
    assertThat(Direction.of(true, true)).isEqualTo(Direction.SENDRECV);
    assertThat(Direction.RECVONLY.toAttribute().toString()).isEqualTo("recvonly");
  }
}
