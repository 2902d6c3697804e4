package dev.ember.memory;

import static java.util.Objects.requireNonNull;

import dev.ember.metrics.TaskMetrics;

/**
 * Base of the in-memory collections of a task that spill to disk when execution memory runs out
 * (sort and aggregation buffers), after Spark's {@code Spillable}.
 *
 * <p>Memory protocol, in bytes as estimated by {@link SizeTracker}:
 *
 * <ol>
 *   <li>On the first insert the collection acquires an initial amount, {@code min(5 MiB, executor
 *       budget / 64)}, from its {@link TaskMemoryManager}. (Spark assumes this amount without
 *       acquiring it; Ember acquires it so that the memory manager's accounting is honest. The
 *       manager may grant less, even 0, when other tasks hold the memory.)
 *   <li>Every {@value #CHECK_INTERVAL} inserts, if the collection's size has reached what it holds,
 *       it asks for {@code 2 * size - held} more, so the grant doubles the room it had.
 *   <li>If it still holds less than its size, it spills: the subclass writes its contents to disk
 *       and empties itself, the spill is counted in {@link TaskMetrics#addSpill}, and everything
 *       above the initial grant is released.
 *   <li>The subclass calls {@link #releaseMemory()} when it is finished or closed.
 * </ol>
 *
 * <p>Checking only every {@value #CHECK_INTERVAL} inserts keeps a collection whose grant is tiny
 * from writing a spill file per record; it may overshoot its grant by that many records.
 *
 * <p>Not thread-safe: a collection belongs to one task thread.
 */
public abstract class Spillable {
  /**
   * Upper bound of the initial grant, as Spark's {@code
   * spark.shuffle.spill.initialMemoryThreshold}.
   */
  static final long MAX_INITIAL_GRANT = 5L << 20;

  /** Inserts between two memory checks. */
  static final int CHECK_INTERVAL = 32;

  private final TaskMemoryManager memory;
  private final TaskMetrics metrics;
  private boolean started;
  private long initialGrant;
  private long held;
  private long inserts;

  /**
   * @param memory the task attempt's memory, from which this collection acquires and to which it
   *     releases
   * @param metrics the task attempt's counters, where spills are recorded
   */
  protected Spillable(TaskMemoryManager memory, TaskMetrics metrics) {
    this.memory = requireNonNull(memory, "memory is null");
    this.metrics = requireNonNull(metrics, "metrics is null");
  }

  /**
   * Writes the in-memory contents to a new spill file and empties the in-memory collection. Called
   * on the task thread from {@link #maybeSpill}.
   *
   * @return bytes written to disk
   * @throws java.io.UncheckedIOException if the spill file cannot be written
   */
  protected abstract long spill();

  /**
   * Accounts for one insert and spills if the collection has outgrown the memory it can get. Call
   * once after each insert.
   *
   * @param currentSize the collection's estimated size in bytes after the insert
   * @return whether the collection spilled (and is now empty)
   */
  protected final boolean maybeSpill(long currentSize) {
    if (!started) {
      started = true;
      initialGrant = memory.acquire(Math.min(MAX_INITIAL_GRANT, memory.executorBudget() / 64));
      held = initialGrant;
      metrics.updatePeakExecutionMemory(held);
    }
    inserts++;
    if (inserts % CHECK_INTERVAL != 0 || currentSize < held) {
      return false;
    }
    held += memory.acquire(2 * currentSize - held);
    metrics.updatePeakExecutionMemory(held);
    if (currentSize < held) {
      return false;
    }
    metrics.addSpill(spill());
    memory.release(held - initialGrant);
    held = initialGrant;
    return true;
  }

  /**
   * Releases all memory this collection holds. Idempotent; call when the collection is finished
   * (its output has been consumed or written) or closed on a failure path.
   */
  protected final void releaseMemory() {
    memory.release(held);
    held = 0;
    initialGrant = 0;
  }

  /** Bytes of execution memory this collection holds now. */
  public final long memoryHeld() {
    return held;
  }
}
