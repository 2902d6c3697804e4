package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.execution.ExecutorEnv;
import dev.ember.memory.TaskMemoryManager;
import dev.ember.metrics.TaskMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a running task attempt knows about itself (Spark's {@code TaskContext}): its stage,
 * partition and attempt number, and its metrics. Available to user functions through {@link #get()}
 * on the task's thread. Not thread-safe: one task thread owns it.
 */
public final class TaskContext {
  private static final ThreadLocal<TaskContext> CURRENT = new ThreadLocal<>();

  private final int stageId;
  private final int stageAttempt;
  private final int partitionId;
  private final int attemptNumber;
  private final long taskAttemptId;
  private final ExecutorEnv env;
  private final TaskMemoryManager memory;
  private final TaskMetrics metrics = new TaskMetrics();
  private final List<Accumulator<?, ?>> accumulators = new ArrayList<>();
  private final List<Runnable> completionListeners = new ArrayList<>();

  /** Created by the executor for each task attempt (engine-internal). */
  public TaskContext(
      int stageId,
      int stageAttempt,
      int partitionId,
      int attemptNumber,
      long taskAttemptId,
      ExecutorEnv env) {
    this.stageId = stageId;
    this.stageAttempt = stageAttempt;
    this.partitionId = partitionId;
    this.attemptNumber = attemptNumber;
    this.taskAttemptId = taskAttemptId;
    this.env = requireNonNull(env, "env is null");
    this.memory = new TaskMemoryManager(env.memoryManager(), taskAttemptId);
  }

  /** The context of the task running on this thread, or empty on the driver. */
  public static Optional<TaskContext> get() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Binds {@code context} to this thread for the task's run (engine-internal). */
  public static void set(TaskContext context) {
    CURRENT.set(context);
  }

  /** Unbinds the thread's context when the task ends (engine-internal). */
  public static void unset() {
    CURRENT.remove();
  }

  public int stageId() {
    return stageId;
  }

  public int stageAttempt() {
    return stageAttempt;
  }

  /** The index of the partition this task computes. */
  public int partitionId() {
    return partitionId;
  }

  /** 0 for the first attempt of this task, 1 for the first retry, and so on. */
  public int attemptNumber() {
    return attemptNumber;
  }

  /**
   * An attempt number unique across the attempts of this task's stage, for naming the attempt's
   * output (e.g. Hadoop's {@code TaskAttemptID}): {@code (stageAttempt << 16) | attemptNumber}.
   * {@link #attemptNumber} restarts at 0 when a stage is resubmitted, while an attempt of the
   * earlier stage attempt may still be running and writing; the same id would make the two share a
   * temporary directory (Spark's SPARK-24552).
   */
  public int outputAttemptNumber() {
    return outputAttemptNumber(stageAttempt, attemptNumber);
  }

  /** {@link #outputAttemptNumber()} of the given stage attempt and task attempt numbers. */
  public static int outputAttemptNumber(int stageAttempt, int attemptNumber) {
    return (stageAttempt << 16) | attemptNumber;
  }

  /** The attempt's id, unique within the application. */
  public long taskAttemptId() {
    return taskAttemptId;
  }

  /** The attempt's counters. */
  public TaskMetrics metrics() {
    return metrics;
  }

  /** The executor's services (engine-internal). */
  public ExecutorEnv env() {
    return env;
  }

  /** The attempt's share of execution memory (engine-internal). */
  public TaskMemoryManager memory() {
    return memory;
  }

  /**
   * Runs {@code listener} when the attempt ends, successfully or not, in reverse order of
   * registration.
   */
  public void addCompletionListener(Runnable listener) {
    completionListeners.add(requireNonNull(listener, "listener is null"));
  }

  /** Registers an accumulator copy deserialized into this task (engine-internal). */
  void registerAccumulator(Accumulator<?, ?> accumulator) {
    accumulators.add(accumulator);
  }

  /** The accumulator copies this task updated, to be sent back with its result. */
  public List<Accumulator<?, ?>> accumulators() {
    return List.copyOf(accumulators);
  }

  /**
   * Runs the completion listeners, newest first; every listener runs even if one throws.
   *
   * @return the first exception thrown by a listener, if any
   */
  public Optional<Throwable> markCompleted() {
    Throwable first = null;
    for (int i = completionListeners.size() - 1; i >= 0; i--) {
      try {
        completionListeners.get(i).run();
      } catch (RuntimeException | Error e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    completionListeners.clear();
    return Optional.ofNullable(first);
  }
}
