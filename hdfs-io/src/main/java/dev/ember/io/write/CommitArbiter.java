package dev.ember.io.write;

import dev.ember.TaskContext;

/**
 * Decides whether a task attempt may commit its output: at most one attempt per partition does. In
 * a job this is the driver's {@link dev.ember.scheduler.OutputCommitCoordinator} (Spark's design),
 * asked over the executor's driver endpoint; tests may pass a coordinator directly. Implementations
 * are thread-safe.
 */
@FunctionalInterface
public interface CommitArbiter {
  /**
   * Whether {@code attempt} may commit; asking again for the same attempt gives the same answer.
   */
  boolean canCommit(TaskAttempt attempt);

  /** The driver's coordinator, reached through {@code context}'s executor environment. */
  static CommitArbiter driver(TaskContext context) {
    return a ->
        context
            .env()
            .driver()
            .canCommit(a.stageId(), a.stageAttempt(), a.partition(), a.attemptNumber());
  }
}
