package dev.ember.execution;

import dev.ember.Accumulator;
import dev.ember.metrics.TaskMetrics;
import java.util.List;

/** How a task attempt ended, as reported by the executor to the task scheduler. */
public sealed interface TaskOutcome {
  /**
   * The attempt succeeded.
   *
   * @param value a {@link dev.ember.scheduler.MapStatus} for map tasks, the function's result for
   *     result tasks
   * @param accumulatorUpdates the attempt's accumulator copies
   * @param metrics the attempt's counters
   */
  record Success(Object value, List<Accumulator<?, ?>> accumulatorUpdates, TaskMetrics metrics)
      implements TaskOutcome {}

  /**
   * The user's code or the engine threw.
   *
   * @param error the exception, as thrown (after a round trip through serialization)
   * @param metrics counters up to the failure
   */
  record Failed(Throwable error, TaskMetrics metrics) implements TaskOutcome {}

  /**
   * A shuffle block could not be fetched: the map output must be recomputed.
   *
   * @param shuffleId the shuffle
   * @param mapId the missing map output, or -1 when unknown
   * @param executorId where it was expected, or empty
   * @param message what went wrong
   */
  record FetchFailed(int shuffleId, int mapId, String executorId, String message)
      implements TaskOutcome {}

  /**
   * The executor running the attempt was lost; the attempt does not count as a task failure.
   *
   * @param executorId the lost executor
   * @param reason why it was lost
   */
  record ExecutorLost(String executorId, String reason) implements TaskOutcome {}
}
