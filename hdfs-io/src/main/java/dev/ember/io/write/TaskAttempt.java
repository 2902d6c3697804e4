package dev.ember.io.write;

import dev.ember.TaskContext;
import java.io.Serializable;

/**
 * The identity of one task attempt, as the driver's output commit coordinator knows it.
 *
 * @param stageId the stage running the write
 * @param stageAttempt the stage's attempt number
 * @param partition the partition (task) index, which also names the part file
 * @param attemptNumber 0 for the task's first attempt, 1 for its first retry, ...
 */
public record TaskAttempt(int stageId, int stageAttempt, int partition, int attemptNumber)
    implements Serializable {
  /** The attempt running on {@code context}'s task thread. */
  public static TaskAttempt of(TaskContext context) {
    return new TaskAttempt(
        context.stageId(), context.stageAttempt(), context.partitionId(), context.attemptNumber());
  }

  /**
   * The number that names this attempt's output, unique across the stage's attempts (see {@link
   * TaskContext#outputAttemptNumber()}).
   */
  public int outputAttemptNumber() {
    return TaskContext.outputAttemptNumber(stageAttempt, attemptNumber);
  }
}
