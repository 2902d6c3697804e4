package dev.ember.execution;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.ember.Dataset;
import dev.ember.Pair;
import dev.ember.Partition;
import dev.ember.TaskContext;
import dev.ember.lineage.ResultFunction;
import dev.ember.lineage.ShuffleDependency;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.ClosureSerializer;
import dev.ember.shuffle.FetchFailedException;
import dev.ember.shuffle.ShuffleWriter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs task attempts on a fixed pool of task threads (one per core) and reports each outcome, as
 * bytes, to a listener (Spark's {@code Executor}). Used in-process by the local cluster manager and
 * inside executor containers. {@link #launchTask} is thread-safe; the listener is called on task
 * threads.
 */
public final class Executor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Executor.class);

  /** Receives the encoded outcome of every launched task. */
  @FunctionalInterface
  public interface StatusListener {
    void taskEnded(TaskDescription task, byte[] encodedOutcome);
  }

  private final ExecutorEnv env;
  private final StatusListener listener;
  private final ExecutorService threads;
  private final ClosureSerializer closures = new ClosureSerializer();
  private final TaskOutcomeCodec codec;
  // The thread of each running task attempt, for killTask; guarded by itself.
  private final Map<Long, Thread> runningThreads = new HashMap<>();

  public Executor(ExecutorEnv env, int cores, StatusListener listener) {
    this.env = requireNonNull(env, "env is null");
    this.listener = requireNonNull(listener, "listener is null");
    this.codec = new TaskOutcomeCodec(env.recordSerializer());
    this.threads =
        Executors.newFixedThreadPool(
            cores,
            new ThreadFactoryBuilder()
                .setNameFormat("task-" + env.executorId() + "-%d")
                .setDaemon(true)
                .build());
  }

  public ExecutorEnv env() {
    return env;
  }

  /** Queues a task attempt on a task thread. */
  public void launchTask(TaskDescription task) {
    threads.execute(() -> listener.taskEnded(task, codec.encode(runTracked(task))));
  }

  /**
   * Kills a running task attempt by interrupting its task thread (Spark's {@code
   * Executor.killTask}): a task blocked in I/O or sleeping ends with a failure, which the driver
   * ignores because it asked for the kill; a task that never checks for interrupts runs to its end.
   * Thread-safe; any thread.
   *
   * @param reason for the log
   * @return whether the attempt was running here
   */
  public boolean killTask(long taskAttemptId, String reason) {
    synchronized (runningThreads) {
      Thread thread = runningThreads.get(taskAttemptId);
      if (thread == null) {
        return false;
      }
      LOG.info("Killing TID {}: {}", taskAttemptId, reason);
      thread.interrupt();
      return true;
    }
  }

  private TaskOutcome runTracked(TaskDescription task) {
    synchronized (runningThreads) {
      runningThreads.put(task.taskAttemptId(), Thread.currentThread());
    }
    try {
      return run(task);
    } finally {
      synchronized (runningThreads) {
        runningThreads.remove(task.taskAttemptId());
        // A kill this task did not notice must not interrupt the thread's next task.
        var unused = Thread.interrupted();
      }
    }
  }

  private TaskOutcome run(TaskDescription task) {
    long start = System.nanoTime();
    TaskContext context =
        new TaskContext(
            task.stageId(),
            task.stageAttempt(),
            task.partition(),
            task.attemptNumber(),
            task.taskAttemptId(),
            env);
    TaskContext.set(context);
    context.metrics().setLocality(task.locality());
    TaskOutcome outcome;
    try {
      TaskBinary binary = closures.deserialize(task.taskBinary());
      Object value = execute(binary, task.partition(), context);
      Optional<Throwable> listenerError = context.markCompleted();
      if (listenerError.isPresent()) {
        throw listenerError.get();
      }
      context.metrics().setRunTimeNanos(System.nanoTime() - start);
      outcome = new TaskOutcome.Success(value, context.accumulators(), context.metrics());
    } catch (FetchFailedException e) {
      outcome =
          new TaskOutcome.FetchFailed(e.shuffleId(), e.mapId(), e.executorId(), e.getMessage());
    } catch (Throwable t) {
      if (t instanceof VirtualMachineError vme && !(t instanceof OutOfMemoryError)) {
        throw vme;
      }
      LOG.warn("{} failed: {}", task, t.toString());
      TaskMetrics metrics = context.metrics();
      metrics.setRunTimeNanos(System.nanoTime() - start);
      outcome = new TaskOutcome.Failed(t, metrics);
    } finally {
      context.markCompleted();
      long leaked = context.memory().releaseAll();
      if (leaked > 0) {
        LOG.debug("{} released {} bytes of execution memory at its end", task, leaked);
      }
      TaskContext.unset();
    }
    return outcome;
  }

  @SuppressWarnings("unchecked")
  private static Object execute(TaskBinary binary, int partitionIndex, TaskContext context)
      throws Exception {
    Dataset<Object> dataset = (Dataset<Object>) binary.dataset();
    Partition partition = dataset.partitions()[partitionIndex];
    Iterator<Object> records = dataset.iterator(partition, context);
    if (binary instanceof TaskBinary.ShuffleMap map) {
      return ShuffleWriter.write(
          (ShuffleDependency<Object, Object, Object>) map.dependency(),
          partitionIndex,
          (Iterator<Pair<Object, Object>>) (Iterator<?>) records,
          context);
    }
    ResultFunction<Object, Object> function =
        (ResultFunction<Object, Object>) ((TaskBinary.Result) binary).function();
    return function.apply(context, records);
  }

  /** Stops the task threads (interrupting running tasks) and waits briefly for them. */
  @Override
  public void close() {
    threads.shutdownNow();
    try {
      threads.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
