package dev.ember.scheduler;

import java.util.List;

/**
 * The tasks of one stage attempt, submitted together to the {@link TaskScheduler}.
 *
 * @param jobId the job that submitted the stage (earlier jobs are scheduled first, FIFO)
 * @param stageId the stage
 * @param stageAttempt the attempt number of the stage
 * @param stageName for logs and errors, e.g. "stage-2 (reduceByKey at Job.java:31)"
 * @param partitions the partitions to compute, one task each
 * @param preferredLocations per entry of {@code partitions}, where its task would like to run
 * @param taskBinary the stage's serialized {@link dev.ember.execution.TaskBinary}
 */
@SuppressWarnings("ArrayRecordComponent")
public record TaskSet(
    int jobId,
    int stageId,
    int stageAttempt,
    String stageName,
    List<Integer> partitions,
    List<List<TaskLocation>> preferredLocations,
    byte[] taskBinary) {
  public TaskSet {
    partitions = List.copyOf(partitions);
    preferredLocations = List.copyOf(preferredLocations);
    if (partitions.size() != preferredLocations.size()) {
      throw new IllegalArgumentException("one location list per partition is needed");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TaskSet t && t.stageId == stageId && t.stageAttempt == stageAttempt;
  }

  @Override
  public int hashCode() {
    return stageId * 31 + stageAttempt;
  }

  @Override
  public String toString() {
    return "TaskSet(" + stageName + ", attempt " + stageAttempt + ")";
  }
}
