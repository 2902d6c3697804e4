package dev.ember.cluster;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.execution.Executor;
import dev.ember.execution.ExecutorEnv;
import dev.ember.execution.TaskDescription;
import dev.ember.scheduler.SchedulerBackend;
import dev.ember.scheduler.TaskScheduler;
import dev.ember.scheduler.WorkerOffer;
import dev.ember.shuffle.ShuffleFiles;
import dev.ember.storage.BlockManager;
import dev.ember.storage.LocalDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs one executor in the driver's process with N task threads (Spark's {@code
 * LocalSchedulerBackend}). Tasks, closures, results and shuffle data still cross the same
 * serialization boundary and files as in containers. Offers are revived on every submission and
 * task end, and every second so that delay-scheduling waits expire.
 */
final class LocalSchedulerBackend implements SchedulerBackend {
  static final String EXECUTOR_ID = "driver";
  static final String HOST = "localhost";

  private final int threads;
  private final DriverServices services;
  private final ScheduledExecutorService reviver =
      Executors.newSingleThreadScheduledExecutor(
          new ThreadFactoryBuilder().setNameFormat("local-backend-revive").setDaemon(true).build());
  private Executor executor;
  private TaskScheduler scheduler;
  private int freeSlots;

  LocalSchedulerBackend(int threads, DriverServices services) {
    this.threads = threads;
    this.services = services;
    this.freeSlots = threads;
  }

  @Override
  public synchronized void start(TaskScheduler scheduler) {
    this.scheduler = scheduler;
    EmberConf conf = services.conf();
    List<Path> dirs =
        Arrays.stream(
                conf.getOptional(CoreOptions.LOCAL_DIRS)
                    .orElse(System.getProperty("java.io.tmpdir"))
                    .split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(Path::of)
            .toList();
    LocalDirs localDirs = new LocalDirs(dirs, services.appId() + "-" + EXECUTOR_ID);
    long budget =
        conf.getOptional(CoreOptions.MEMORY_BUDGET)
            .orElseGet(
                () ->
                    (long)
                        ((Runtime.getRuntime().maxMemory() - (300L << 20))
                            * conf.get(CoreOptions.MEMORY_FRACTION)));
    if (budget <= 0) {
      throw new dev.ember.conf.ConfigException(
          "the heap is too small for Ember's memory budget ("
              + Runtime.getRuntime().maxMemory()
              + " bytes); give the JVM at least 512m (-Xmx) or set ember.memory.budget");
    }
    BlockManager blockManager =
        new BlockManager(
            EXECUTOR_ID,
            HOST,
            services.recordSerializer(),
            localDirs,
            services.endpoint(),
            budget,
            conf.get(CoreOptions.MEMORY_STORAGE_FRACTION));
    ShuffleFiles shuffleFiles = new ShuffleFiles(localDirs);
    ExecutorEnv env =
        new ExecutorEnv(
            EXECUTOR_ID,
            HOST,
            conf,
            services.recordSerializer(),
            localDirs,
            blockManager,
            shuffleFiles,
            (shuffleId, location, reduceId) -> {
              if (!location.executorId().equals(EXECUTOR_ID)) {
                throw new IOException("executor " + location.executorId() + " is unknown here");
              }
              return shuffleFiles.openBlock(shuffleId, location.mapId(), reduceId);
            },
            services.endpoint());
    executor = new Executor(env, threads, this::taskEnded);
    scheduler.executorAdded(EXECUTOR_ID, HOST);
    var unused = reviver.scheduleWithFixedDelay(this::reviveOffers, 1, 1, TimeUnit.SECONDS);
  }

  private void taskEnded(TaskDescription task, byte[] outcome) {
    synchronized (this) {
      freeSlots++;
    }
    scheduler.statusUpdate(task.taskAttemptId(), outcome);
  }

  @Override
  public void reviveOffers() {
    List<TaskDescription> tasks;
    synchronized (this) {
      if (executor == null || freeSlots == 0) {
        return;
      }
      tasks = scheduler.resourceOffers(List.of(new WorkerOffer(EXECUTOR_ID, HOST, freeSlots)));
      freeSlots -= tasks.size();
    }
    tasks.forEach(this::launchTask);
  }

  @Override
  public void launchTask(TaskDescription task) {
    Executor current;
    synchronized (this) {
      current = executor;
    }
    if (current != null) {
      current.launchTask(task);
    }
  }

  @Override
  public void killTask(TaskDescription task, String reason) {
    Executor current;
    synchronized (this) {
      current = executor;
    }
    if (current != null) {
      var unused = current.killTask(task.taskAttemptId(), reason);
    }
  }

  @Override
  public synchronized void removeCachedDataset(int datasetId) {
    if (executor != null) {
      executor.env().blockManager().removeDataset(datasetId);
    }
  }

  @Override
  public int defaultParallelism() {
    return threads;
  }

  /** The in-process executor's services (for tests that inspect its files and memory). */
  synchronized ExecutorEnv executorEnv() {
    if (executor == null) {
      throw new IllegalStateException("the local executor is stopped");
    }
    return executor.env();
  }

  @Override
  public void close() {
    Executor stopping;
    synchronized (this) {
      stopping = executor;
      executor = null;
    }
    reviver.shutdownNow();
    // Outside the lock: finishing task threads call back into reviveOffers().
    if (stopping != null) {
      stopping.close();
      stopping.env().close();
    }
  }
}
