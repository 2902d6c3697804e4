package dev.ember.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputCommitCoordinatorTest {
  private final OutputCommitCoordinator coordinator = new OutputCommitCoordinator();

  @Test
  void theFirstAttemptToAskWinsAndKeepsWinning() {
    assertThat(coordinator.canCommit(1, 0, 3, 0)).isTrue();
    assertThat(coordinator.canCommit(1, 0, 3, 1)).isFalse();
    assertThat(coordinator.canCommit(1, 0, 3, 0)).isTrue();
  }

  @Test
  void partitionsAndStageAttemptsAreIndependent() {
    assertThat(coordinator.canCommit(1, 0, 3, 0)).isTrue();
    assertThat(coordinator.canCommit(1, 0, 4, 1)).isTrue();
    assertThat(coordinator.canCommit(1, 1, 3, 2)).isTrue();
  }

  @Test
  void aFailedWinnerReleasesTheRight() {
    assertThat(coordinator.canCommit(2, 0, 0, 0)).isTrue();
    coordinator.attemptFailed(2, 0, 0, 1); // not the winner: no effect
    assertThat(coordinator.canCommit(2, 0, 0, 1)).isFalse();
    coordinator.attemptFailed(2, 0, 0, 0);
    assertThat(coordinator.canCommit(2, 0, 0, 1)).isTrue();
  }

  @Test
  void aFinishedStageIsForgotten() {
    assertThat(coordinator.canCommit(5, 0, 0, 0)).isTrue();
    coordinator.stageEnded(5);
    assertThat(coordinator.canCommit(5, 0, 0, 7)).isTrue();
  }
}
