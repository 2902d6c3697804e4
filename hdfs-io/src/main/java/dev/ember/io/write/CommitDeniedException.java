package dev.ember.io.write;

/**
 * Thrown by a task attempt whose output was discarded because another attempt of the same partition
 * was authorized to commit (Spark's {@code CommitDeniedException}). The other attempt's output is
 * the one that becomes visible; nothing is lost.
 */
public final class CommitDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CommitDeniedException(TaskAttempt attempt, String outputPath) {
    super(
        "attempt "
            + attempt.attemptNumber()
            + " of partition "
            + attempt.partition()
            + " (stage "
            + attempt.stageId()
            + ") may not commit to "
            + outputPath
            + ": another attempt of the partition was authorized first; its output is kept and"
            + " this attempt's output was discarded");
  }
}
