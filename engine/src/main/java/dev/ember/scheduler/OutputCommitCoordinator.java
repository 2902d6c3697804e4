package dev.ember.scheduler;

import java.util.HashMap;
import java.util.Map;

/**
 * Decides which task attempt may commit its output for each partition of a stage, so that at most
 * one attempt's output becomes visible even when retries or speculative copies of a task all finish
 * (Spark's {@code OutputCommitCoordinator}). The first attempt to ask for a partition is
 * authorized; later askers are denied, unless the authorized attempt failed before committing, in
 * which case the next asker is authorized. Thread-safe; called by executors through the driver
 * endpoint and by the task scheduler when attempts fail.
 */
public final class OutputCommitCoordinator {
  private record Key(int stageId, int stageAttempt, int partition) {}

  private final Map<Key, Integer> authorized = new HashMap<>();

  /**
   * Whether attempt {@code attemptNumber} of {@code partition} may commit. Asking again with the
   * same attempt returns the same answer.
   */
  public synchronized boolean canCommit(
      int stageId, int stageAttempt, int partition, int attemptNumber) {
    Key key = new Key(stageId, stageAttempt, partition);
    Integer winner = authorized.putIfAbsent(key, attemptNumber);
    return winner == null || winner == attemptNumber;
  }

  /**
   * Records that an attempt ended without success; if it held the commit right, the right is
   * released so that a retry can commit.
   */
  public synchronized void attemptFailed(
      int stageId, int stageAttempt, int partition, int attemptNumber) {
    authorized.remove(new Key(stageId, stageAttempt, partition), attemptNumber);
  }

  /** Forgets a finished stage attempt. */
  public synchronized void stageEnded(int stageId) {
    authorized.keySet().removeIf(k -> k.stageId() == stageId);
  }
}
