package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AllocationPacerTest {
  private static final Duration SECOND = Duration.ofSeconds(1);

  @Test
  void doublesFromTheInitialIntervalUpToTheHeartbeatWhileRequestsAreOutstanding() {
    AllocationPacer pacer = new AllocationPacer(SECOND, Duration.ofMillis(300));
    assertThat(pacer.requested()).isEqualTo(Duration.ofMillis(300));
    assertThat(pacer.beat(true)).isEqualTo(Duration.ofMillis(300));
    assertThat(pacer.beat(true)).isEqualTo(Duration.ofMillis(600));
    assertThat(pacer.beat(true)).isEqualTo(SECOND);
    assertThat(pacer.beat(true)).isEqualTo(SECOND);
  }

  @Test
  void newRequestsStartOverAndNothingOutstandingMeansTheHeartbeat() {
    AllocationPacer pacer = new AllocationPacer(SECOND, Duration.ofMillis(300));
    assertThat(pacer.beat(false)).isEqualTo(SECOND);
    var unused = pacer.requested();
    assertThat(pacer.beat(false)).isEqualTo(SECOND);
    assertThat(pacer.beat(true)).isEqualTo(SECOND);
    assertThat(pacer.requested()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void anInitialIntervalAboveTheHeartbeatIsCappedAtIt() {
    AllocationPacer pacer = new AllocationPacer(SECOND, Duration.ofSeconds(5));
    assertThat(pacer.requested()).isEqualTo(SECOND);
  }

  @Test
  void rejectsIntervalsThatAreNotPositive() {
    assertThatThrownBy(() -> new AllocationPacer(Duration.ZERO, SECOND))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be positive");
    assertThatThrownBy(() -> new AllocationPacer(SECOND, Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
