package dev.ember.execution;

import static java.util.Objects.requireNonNull;

import dev.ember.scheduler.TaskLocality;

/**
 * A task attempt as launched on an executor: ids, the partition to compute, and the stage's
 * serialized task binary (shared by all tasks of a stage attempt).
 *
 * @param taskAttemptId application-unique id of this attempt
 * @param stageId the stage
 * @param stageAttempt the stage attempt (0 first, more after fetch failures)
 * @param partition the partition index the task computes
 * @param attemptNumber 0 for the first attempt of this partition in this stage attempt
 * @param executorId the executor chosen
 * @param locality how close to its data the task was placed
 * @param taskBinary Java-serialized {@link TaskBinary} of the stage
 */
@SuppressWarnings("ArrayRecordComponent")
public record TaskDescription(
    long taskAttemptId,
    int stageId,
    int stageAttempt,
    int partition,
    int attemptNumber,
    String executorId,
    TaskLocality locality,
    byte[] taskBinary) {
  public TaskDescription {
    requireNonNull(executorId, "executorId is null");
    requireNonNull(locality, "locality is null");
    requireNonNull(taskBinary, "taskBinary is null");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaskDescription t && t.taskAttemptId == taskAttemptId;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(taskAttemptId);
  }

  @Override
  public String toString() {
    return "task "
        + partition
        + "."
        + attemptNumber
        + " of stage "
        + stageId
        + "."
        + stageAttempt
        + " (TID "
        + taskAttemptId
        + ")";
  }
}
