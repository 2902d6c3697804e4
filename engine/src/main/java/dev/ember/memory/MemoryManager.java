package dev.ember.memory;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.HashMap;
import java.util.Map;

/**
 * One executor's memory budget, shared by execution (shuffle, sort and aggregation buffers of
 * running tasks) and storage (cached partitions), after Spark's {@code UnifiedMemoryManager}:
 *
 * <ul>
 *   <li>storage may use any memory execution does not hold;
 *   <li>execution may take memory back from storage by evicting cached blocks, but not below {@code
 *       storageFraction * budget} (the part where cached blocks are safe);
 *   <li>each of the N running tasks may hold at most {@code 1/N} of the execution memory available,
 *       so one task cannot starve the others. A request that cannot be met is granted in part; the
 *       caller then spills (see {@link Spillable}).
 * </ul>
 *
 * <p>Sizes are in bytes, as estimated by the callers (see {@link SizeEstimator}). Thread-safe.
 */
public final class MemoryManager {
  private final long budget;
  private final long protectedStorage;
  private final StorageEvictor evictor;
  private final Map<Long, Long> executionByTask = new HashMap<>();
  private long executionUsed;
  private long storageUsed;

  /**
   * @param budget total bytes for execution and storage; positive
   * @param storageFraction fraction of the budget where cached blocks are not evicted for
   *     execution; in [0, 1]
   * @param evictor frees cached blocks when execution needs memory
   */
  public MemoryManager(long budget, double storageFraction, StorageEvictor evictor) {
    checkArgument(budget > 0, "memory budget must be positive, was %s", budget);
    checkArgument(
        storageFraction >= 0 && storageFraction <= 1,
        "storage fraction must be in [0, 1], was %s",
        storageFraction);
    this.budget = budget;
    this.protectedStorage = (long) (budget * storageFraction);
    this.evictor = requireNonNull(evictor, "evictor is null");
  }

  /** Total bytes shared by execution and storage. */
  public long budget() {
    return budget;
  }

  /**
   * Grants up to {@code bytes} of execution memory to a task attempt, evicting cached blocks above
   * the protected storage region if needed.
   *
   * @param taskAttemptId the requesting task attempt
   * @return bytes granted, between 0 and {@code bytes}
   */
  public long acquireExecution(long bytes, long taskAttemptId) {
    checkArgument(bytes >= 0, "bytes must be non-negative, was %s", bytes);
    if (bytes == 0) {
      return 0;
    }
    long toEvict;
    synchronized (this) {
      executionByTask.putIfAbsent(taskAttemptId, 0L);
      long free = budget - executionUsed - storageUsed;
      long evictable = Math.max(0, storageUsed - protectedStorage);
      toEvict = Math.min(Math.max(0, bytes - free), evictable);
    }
    if (toEvict > 0) {
      // Outside the lock: eviction may write blocks to disk and calls releaseStorage.
      evictor.evict(toEvict);
    }
    synchronized (this) {
      int activeTasks = Math.max(1, executionByTask.size());
      long held = executionByTask.getOrDefault(taskAttemptId, 0L);
      long maxPerTask = (budget - Math.min(storageUsed, protectedStorage)) / activeTasks;
      long free = Math.max(0, budget - executionUsed - storageUsed);
      long granted = Math.max(0, Math.min(Math.min(bytes, free), maxPerTask - held));
      executionByTask.put(taskAttemptId, held + granted);
      executionUsed += granted;
      return granted;
    }
  }

  /** Returns {@code bytes} of a task attempt's execution memory. */
  public synchronized void releaseExecution(long bytes, long taskAttemptId) {
    long held = executionByTask.getOrDefault(taskAttemptId, 0L);
    long released = Math.min(bytes, held);
    executionUsed -= released;
    executionByTask.put(taskAttemptId, held - released);
  }

  /**
   * Returns all execution memory of a finished task attempt and forgets it.
   *
   * @return bytes the task still held (a leak if its collections did not release them)
   */
  public synchronized long releaseAllExecution(long taskAttemptId) {
    Long held = executionByTask.remove(taskAttemptId);
    if (held == null) {
      return 0;
    }
    executionUsed -= held;
    return held;
  }

  /**
   * Reserves storage memory for a cached block. Never evicts execution memory; the caller (the
   * block manager) evicts other cached blocks first if it wants room.
   *
   * @return whether {@code bytes} were reserved
   */
  public synchronized boolean acquireStorage(long bytes) {
    checkArgument(bytes >= 0, "bytes must be non-negative, was %s", bytes);
    if (executionUsed + storageUsed + bytes > budget) {
      return false;
    }
    storageUsed += bytes;
    return true;
  }

  /** Returns storage memory of a dropped or evicted block. */
  public synchronized void releaseStorage(long bytes) {
    storageUsed = Math.max(0, storageUsed - bytes);
  }

  /** The most storage memory could hold now: the budget minus execution memory in use. */
  public synchronized long maxStorage() {
    return budget - executionUsed;
  }

  public synchronized long executionUsed() {
    return executionUsed;
  }

  public synchronized long storageUsed() {
    return storageUsed;
  }
}
