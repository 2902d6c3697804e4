package dev.ember.memory;

import static java.util.Objects.requireNonNull;

/**
 * A task attempt's view of its executor's {@link MemoryManager}: acquires and releases execution
 * memory under the attempt's id and releases whatever is left when the attempt ends. Used by one
 * task thread.
 */
public final class TaskMemoryManager {
  private final MemoryManager memoryManager;
  private final long taskAttemptId;

  public TaskMemoryManager(MemoryManager memoryManager, long taskAttemptId) {
    this.memoryManager = requireNonNull(memoryManager, "memoryManager is null");
    this.taskAttemptId = taskAttemptId;
  }

  /** Grants up to {@code bytes}; see {@link MemoryManager#acquireExecution}. */
  public long acquire(long bytes) {
    return memoryManager.acquireExecution(bytes, taskAttemptId);
  }

  /** Returns {@code bytes} acquired earlier. */
  public void release(long bytes) {
    memoryManager.releaseExecution(bytes, taskAttemptId);
  }

  /** Releases everything the attempt still holds; called once when the attempt ends. */
  public long releaseAll() {
    return memoryManager.releaseAllExecution(taskAttemptId);
  }

  /** The executor's whole budget in bytes (for sizing initial thresholds). */
  public long executorBudget() {
    return memoryManager.budget();
  }

  public long taskAttemptId() {
    return taskAttemptId;
  }
}
