package dev.ember.execution;

import dev.ember.scheduler.MapStatus;
import dev.ember.storage.BlockId;
import java.util.List;
import java.util.Optional;

/**
 * What an executor asks of the driver while running tasks. In local mode the driver's objects
 * answer directly; a remote backend implements it over RPC. Implementations are thread-safe: every
 * task thread calls them.
 */
public interface DriverEndpoint {
  /** All map outputs of a shuffle, or empty if some are missing (a fetch failure). */
  Optional<List<MapStatus>> mapOutputs(int shuffleId);

  /**
   * The serialized value of a broadcast variable.
   *
   * @throws IllegalStateException if the broadcast does not exist (destroyed or never created)
   */
  byte[] broadcastBytes(long broadcastId);

  /**
   * Asks whether this task attempt may commit its output (one attempt per partition wins; see
   * {@link dev.ember.scheduler.OutputCommitCoordinator}). Call it from the task, after writing and
   * before committing.
   */
  boolean canCommit(int stageId, int stageAttempt, int partition, int attemptNumber);

  /**
   * Tells the driver that a cached block was stored on ({@code true}) or dropped from an executor.
   */
  void blockUpdated(BlockId blockId, String executorId, String host, boolean stored);
}
