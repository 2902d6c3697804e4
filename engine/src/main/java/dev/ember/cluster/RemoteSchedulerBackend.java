package dev.ember.cluster;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import dev.ember.execution.TaskDescription;
import dev.ember.execution.TaskOutcome;
import dev.ember.rpc.DriverRpcService;
import dev.ember.rpc.ExecutorRegistry;
import dev.ember.rpc.ProtoConversions;
import dev.ember.rpc.RpcChannels;
import dev.ember.rpc.RpcOptions;
import dev.ember.rpc.RpcSecret;
import dev.ember.rpc.RpcServer;
import dev.ember.rpc.RpcWarmup;
import dev.ember.rpc.proto.KillTaskRequest;
import dev.ember.rpc.proto.KillTaskResponse;
import dev.ember.rpc.proto.LaunchTaskResponse;
import dev.ember.rpc.proto.RemoveCachedDatasetRequest;
import dev.ember.rpc.proto.RemoveCachedDatasetResponse;
import dev.ember.rpc.proto.ShutdownRequest;
import dev.ember.scheduler.SchedulerBackend;
import dev.ember.scheduler.TaskScheduler;
import dev.ember.scheduler.WorkerOffer;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on executor processes over gRPC (Spark's {@code CoarseGrainedSchedulerBackend}):
 * starts the driver's RPC server, has an {@link ExecutorLauncher} start executors, tracks those
 * that register (one map from executor id to its {@link RemoteExecutor} state), offers their free
 * slots to the {@link TaskScheduler}, launches tasks on them and routes their status updates back.
 * An executor whose heartbeat stream ends, whose launch call fails or that misses heartbeats for
 * {@code ember.executor.heartbeatTimeout} is lost: its running tasks are reported as {@link
 * TaskOutcome.ExecutorLost} and re-run elsewhere; its map outputs are recomputed when a reducer
 * fails to fetch them. Driver endpoint calls are answered by {@link DriverServices#endpoint()}, the
 * same object that answers local mode. Thread-safe: gRPC handler threads, the scheduler's threads
 * and a timer call it; the lock is never held during an RPC or a call into the scheduler that could
 * call back, except {@link TaskScheduler#resourceOffers}.
 */
public final class RemoteSchedulerBackend implements SchedulerBackend, ExecutorRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(RemoteSchedulerBackend.class);

  private final DriverServices services;
  private final RpcSecret secret;
  private final String bindHost;
  private final ExecutorLauncher launcher;
  private final Duration heartbeatTimeout;
  private final Duration registrationTimeout;
  private final Duration rpcTimeout;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          new ThreadFactoryBuilder().setNameFormat("remote-backend-timer").setDaemon(true).build());

  private final Map<String, RemoteExecutor> executors = new HashMap<>();
  private Optional<TaskScheduler> scheduler = Optional.empty();
  private Optional<RpcServer> server = Optional.empty();
  private boolean closed;
  private Optional<String> aborted = Optional.empty();

  /**
   * @param services the driver's services (configuration, endpoint, app id)
   * @param secret the application's RPC secret, which executors must present
   * @param bindHost host name or address the driver's RPC server binds to and advertises
   * @param launcher starts the executor processes
   */
  public RemoteSchedulerBackend(
      DriverServices services, RpcSecret secret, String bindHost, ExecutorLauncher launcher) {
    this.services = requireNonNull(services, "services is null");
    this.secret = requireNonNull(secret, "secret is null");
    this.bindHost = requireNonNull(bindHost, "bindHost is null");
    this.launcher = requireNonNull(launcher, "launcher is null");
    this.heartbeatTimeout = services.conf().get(RpcOptions.HEARTBEAT_TIMEOUT);
    this.registrationTimeout = services.conf().get(RpcOptions.REGISTRATION_TIMEOUT);
    this.rpcTimeout = services.conf().get(RpcOptions.RPC_TIMEOUT);
  }

  /**
   * Starts the RPC server and the executors and waits until the launched executors registered (or
   * {@code ember.executor.registrationTimeout} passed with at least one registered).
   *
   * @throws UncheckedIOException if the RPC server cannot bind
   * @throws IllegalStateException if executors were launched but none registered in time, or the
   *     backend was {@linkplain #abort aborted} while waiting
   */
  @Override
  public void start(TaskScheduler taskScheduler) {
    RpcServer started;
    try {
      started =
          RpcServer.start(
              bindHost, 0, secret, List.of(new DriverRpcService(services.endpoint(), this)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    synchronized (this) {
      this.scheduler = Optional.of(taskScheduler);
      this.server = Optional.of(started);
    }
    LOG.info("Driver RPC server listening on {}", started.address());
    // While the executors start, so that the first registration is answered as fast as a warm call.
    var unusedWarmup = RpcWarmup.startInBackground(started.address(), secret);
    try {
      launcher.launch(started.address());
      awaitRegistrations();
    } catch (RuntimeException e) {
      close(); // Reaps executors that did start.
      throw e;
    }
    var unused = timer.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  /**
   * Waits for the launched executors, or only for the launcher's {@linkplain
   * ExecutorLauncher#driverExecutorId driver executor} if it has one.
   */
  private synchronized void awaitRegistrations() {
    int expected = launcher.expectedExecutors();
    long deadline = System.nanoTime() + registrationTimeout.toNanos();
    try {
      while (executors.size() < expected
          && !driverExecutorRegistered()
          && aborted.isEmpty()
          && System.nanoTime() < deadline) {
        TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, deadline - System.nanoTime()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (aborted.isPresent()) {
      throw new IllegalStateException(aborted.get());
    }
    if (driverExecutorRegistered()) {
      LOG.info(
          "Running jobs on the driver's executor {} while {} executors start ({} registered)",
          launcher.driverExecutorId().get(),
          expected,
          executors.size() - 1);
      return;
    }
    if (expected > 0 && executors.isEmpty()) {
      throw new IllegalStateException(
          "none of the "
              + expected
              + " executors launched registered within "
              + registrationTimeout
              + " ("
              + RpcOptions.REGISTRATION_TIMEOUT.key()
              + "); check the executors' logs for why they did not start or could not reach"
              + " the driver at "
              + server.map(RpcServer::address).orElse("?"));
    }
    if (executors.size() < expected) {
      LOG.warn(
          "Only {} of {} executors registered within {}; running with those",
          executors.size(),
          expected,
          registrationTimeout);
    }
  }

  private boolean isDriverExecutor(String executorId) {
    return launcher.driverExecutorId().filter(executorId::equals).isPresent();
  }

  private synchronized boolean driverExecutorRegistered() {
    return launcher.driverExecutorId().filter(executors::containsKey).isPresent();
  }

  /**
   * Whether the driver's executor still gets tasks: while fewer than the launched executors are
   * registered besides it (again if some of them are lost, until their replacements register).
   */
  private synchronized boolean driverExecutorNeeded() {
    if (!driverExecutorRegistered()) {
      return false;
    }
    return executors.size() - 1 < launcher.expectedExecutors();
  }

  /** The driver's RPC address ({@code host:port}); empty before {@link #start}. */
  public synchronized Optional<String> driverAddress() {
    return server.map(RpcServer::address);
  }

  // ---------------------------------------------------------------- ExecutorRegistry

  @Override
  public Map<String, String> registerExecutor(
      String executorId, String host, int cores, String serverAddress) {
    if (cores < 1) {
      throw new IllegalArgumentException(
          "executor " + executorId + " registered with " + cores + " cores; it needs at least 1");
    }
    TaskScheduler taskScheduler;
    synchronized (this) {
      if (closed || scheduler.isEmpty()) {
        throw new IllegalStateException("the driver is not accepting executors (stopped)");
      }
      if (executors.containsKey(executorId)) {
        throw new IllegalStateException(
            "executor id " + executorId + " is already registered; executor ids must be unique");
      }
      ManagedChannel channel = RpcChannels.open(serverAddress, secret);
      executors.put(
          executorId,
          new RemoteExecutor(executorId, host, cores, serverAddress, channel, System.nanoTime()));
      taskScheduler = scheduler.get();
      notifyAll();
    }
    LOG.info(
        "Executor {} registered from {} ({}) with {} cores",
        executorId,
        host,
        serverAddress,
        cores);
    taskScheduler.executorAdded(executorId, host);
    var unused = timer.submit(this::reviveOffers);
    return services.conf().asMap();
  }

  @Override
  public synchronized void heartbeat(String executorId) {
    RemoteExecutor e = executors.get(executorId);
    if (e != null) {
      e.lastHeartbeatNanos = System.nanoTime();
    }
  }

  @Override
  public void executorDisconnected(String executorId, String reason) {
    removeExecutor(executorId, reason);
  }

  /**
   * The cluster manager reports that executor {@code executorId}'s process is gone (e.g. YARN
   * reported its container completed), so the driver need not wait for the heartbeat timeout: the
   * executor is removed and its running tasks re-run elsewhere, as when its heartbeat stream ends.
   * Unknown or already removed executors are ignored. Called on any thread (e.g. the
   * ApplicationMaster's ResourceManager callback thread).
   *
   * @param reason why it was lost, for logs and task failure messages (e.g. the container's exit
   *     status and where its log is)
   */
  public void executorLost(String executorId, String reason) {
    removeExecutor(executorId, reason);
  }

  /**
   * The cluster manager can no longer run this application's executors (e.g. more executor
   * containers failed than {@code ember.yarn.maxExecutorFailures} allows): wakes a {@link #start}
   * waiting for registrations (it throws {@link IllegalStateException} with {@code reason}) and
   * fails every active and later job with {@code reason} ({@link TaskScheduler#abort}), so that the
   * driver's program ends instead of waiting for executors that will not come. Spark's
   * ApplicationMaster ends the application in the same case. Called on any thread; later calls are
   * ignored.
   */
  public void abort(String reason) {
    requireNonNull(reason, "reason is null");
    Optional<TaskScheduler> taskScheduler;
    synchronized (this) {
      if (aborted.isPresent()) {
        return;
      }
      aborted = Optional.of(reason);
      taskScheduler = scheduler;
      notifyAll();
    }
    taskScheduler.ifPresent(s -> s.abort(reason));
  }

  @Override
  public void statusUpdate(String executorId, long taskAttemptId, byte[] encodedOutcome) {
    TaskScheduler taskScheduler;
    synchronized (this) {
      RemoteExecutor e = executors.get(executorId);
      if (e == null || !e.runningTasks.remove(taskAttemptId) || scheduler.isEmpty()) {
        // The executor was declared lost and its tasks already re-queued: a late report.
        LOG.debug("Ignoring status of TID {} from lost executor {}", taskAttemptId, executorId);
        return;
      }
      e.freeSlots++;
      taskScheduler = scheduler.get();
    }
    taskScheduler.statusUpdate(taskAttemptId, encodedOutcome);
  }

  @Override
  public synchronized Optional<String> serverAddress(String executorId) {
    return Optional.ofNullable(executors.get(executorId)).map(e -> e.serverAddress);
  }

  @Override
  public String appId() {
    return services.appId();
  }

  // ---------------------------------------------------------------- SchedulerBackend

  @Override
  public void reviveOffers() {
    List<TaskDescription> tasks;
    synchronized (this) {
      if (closed || scheduler.isEmpty()) {
        return;
      }
      List<WorkerOffer> offers = new ArrayList<>();
      boolean driverExecutorOffers = driverExecutorNeeded();
      for (RemoteExecutor e : executors.values()) {
        if (e.freeSlots > 0 && (driverExecutorOffers || !isDriverExecutor(e.executorId))) {
          offers.add(new WorkerOffer(e.executorId, e.host, e.freeSlots));
        }
      }
      if (offers.isEmpty()) {
        return;
      }
      tasks = scheduler.get().resourceOffers(offers);
      for (TaskDescription t : tasks) {
        RemoteExecutor e = executors.get(t.executorId());
        e.freeSlots--;
        e.runningTasks.add(t.taskAttemptId());
      }
    }
    tasks.forEach(this::launchTask);
  }

  @Override
  public void launchTask(TaskDescription task) {
    RemoteExecutor target;
    TaskScheduler taskScheduler;
    synchronized (this) {
      target = executors.get(task.executorId());
      if (scheduler.isEmpty() || closed) {
        return;
      }
      taskScheduler = scheduler.get();
      if (target != null && target.runningTasks.add(task.taskAttemptId())) {
        target.freeSlots--; // Launched by the scheduler itself, not through an offer.
      }
    }
    if (target == null) {
      taskScheduler.handleOutcome(
          task.taskAttemptId(),
          new TaskOutcome.ExecutorLost(task.executorId(), "the executor is no longer registered"));
      return;
    }
    String executorId = target.executorId;
    // Detached from the caller's gRPC context: launches triggered by an executor's StatusUpdate
    // call would otherwise be cancelled when that call completes.
    Context.ROOT.run(() -> send(target, task, executorId));
  }

  private void send(RemoteExecutor target, TaskDescription task, String executorId) {
    target
        .stub
        .withDeadlineAfter(rpcTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .launchTask(
            ProtoConversions.toProto(task),
            new StreamObserver<LaunchTaskResponse>() {
              @Override
              public void onNext(LaunchTaskResponse value) {}

              @Override
              public void onError(Throwable t) {
                removeExecutor(
                    executorId, "launching " + task + " on it failed: " + Status.fromThrowable(t));
              }

              @Override
              public void onCompleted() {}
            });
  }

  /** Sends a KillTask call to the task's executor; failures are only logged (best effort). */
  @Override
  public void killTask(TaskDescription task, String reason) {
    RemoteExecutor target;
    synchronized (this) {
      target = executors.get(task.executorId());
      if (target == null || closed || !target.runningTasks.contains(task.taskAttemptId())) {
        return;
      }
    }
    KillTaskRequest request =
        KillTaskRequest.newBuilder()
            .setTaskAttemptId(task.taskAttemptId())
            .setReason(reason)
            .build();
    Context.ROOT.run(
        () ->
            target
                .stub
                .withDeadlineAfter(rpcTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .killTask(
                    request,
                    new StreamObserver<KillTaskResponse>() {
                      @Override
                      public void onNext(KillTaskResponse value) {}

                      @Override
                      public void onError(Throwable t) {
                        LOG.warn(
                            "Cannot kill {} on executor {}: {}",
                            task,
                            target.executorId,
                            Status.fromThrowable(t));
                      }

                      @Override
                      public void onCompleted() {}
                    }));
  }

  @Override
  public void removeCachedDataset(int datasetId) {
    List<RemoteExecutor> all;
    synchronized (this) {
      all = List.copyOf(executors.values());
    }
    RemoveCachedDatasetRequest request =
        RemoveCachedDatasetRequest.newBuilder().setDatasetId(datasetId).build();
    for (RemoteExecutor e : all) {
      Context.ROOT.run(
          () ->
              e.stub
                  .withDeadlineAfter(rpcTimeout.toMillis(), TimeUnit.MILLISECONDS)
                  .removeCachedDataset(request, ignoreResponse("remove dataset " + datasetId, e)));
    }
  }

  private static StreamObserver<RemoveCachedDatasetResponse> ignoreResponse(
      String what, RemoteExecutor e) {
    return new StreamObserver<>() {
      @Override
      public void onNext(RemoveCachedDatasetResponse value) {}

      @Override
      public void onError(Throwable t) {
        LOG.warn("Cannot {} on executor {}: {}", what, e.executorId, Status.fromThrowable(t));
      }

      @Override
      public void onCompleted() {}
    };
  }

  /**
   * Registered task slots, at least 2 (Spark's rule for coarse-grained backends), or the launched
   * executors' slots if more. A {@linkplain ExecutorLauncher#driverExecutorId driver executor}'s
   * slots do not count: whether it is registered yet depends on timing, and the number of
   * partitions of a shuffle must not.
   */
  @Override
  public synchronized int defaultParallelism() {
    int cores =
        executors.values().stream()
            .filter(e -> !isDriverExecutor(e.executorId))
            .mapToInt(e -> e.cores)
            .sum();
    return Math.max(2, Math.max(cores, launcher.expectedCores()));
  }

  /** Ids of the executors registered now. */
  public synchronized List<String> executorIds() {
    return List.copyOf(executors.keySet());
  }

  private void tick() {
    List<String> silent = new ArrayList<>();
    synchronized (this) {
      long now = System.nanoTime();
      for (RemoteExecutor e : executors.values()) {
        if (now - e.lastHeartbeatNanos > heartbeatTimeout.toNanos()) {
          silent.add(e.executorId);
        }
      }
    }
    silent.forEach(
        id ->
            removeExecutor(
                id,
                "it sent no heartbeat for "
                    + heartbeatTimeout
                    + " ("
                    + RpcOptions.HEARTBEAT_TIMEOUT.key()
                    + ")"));
    reviveOffers(); // Lets delay-scheduling waits expire.
  }

  private void removeExecutor(String executorId, String reason) {
    RemoteExecutor lost;
    TaskScheduler taskScheduler;
    synchronized (this) {
      lost = executors.remove(executorId);
      if (lost == null || closed || scheduler.isEmpty()) {
        return;
      }
      taskScheduler = scheduler.get();
    }
    LOG.warn(
        "Lost executor {} on {}: {}; re-running its {} running tasks elsewhere",
        executorId,
        lost.host,
        reason,
        lost.runningTasks.size());
    lost.channel.shutdownNow();
    taskScheduler.executorLost(executorId);
    String why = "executor " + executorId + " lost: " + reason;
    for (long taskAttemptId : lost.runningTasks) {
      taskScheduler.handleOutcome(taskAttemptId, new TaskOutcome.ExecutorLost(executorId, why));
    }
  }

  /** Asks every executor to shut down, stops the RPC server and reaps the executor processes. */
  @Override
  public void close() {
    List<RemoteExecutor> all;
    Optional<RpcServer> stopping;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      all = List.copyOf(executors.values());
      executors.clear();
      stopping = server;
    }
    timer.shutdownNow();
    ShutdownRequest request = ShutdownRequest.newBuilder().setReason("the driver stops").build();
    for (RemoteExecutor e : all) {
      try {
        var unused =
            dev.ember.rpc.proto.ExecutorServiceGrpc.newBlockingStub(e.channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .shutdown(request);
      } catch (StatusRuntimeException ex) {
        LOG.debug("Executor {} did not acknowledge shutdown: {}", e.executorId, ex.getStatus());
      }
      RpcChannels.close(e.channel);
    }
    stopping.ifPresent(RpcServer::close);
    launcher.close();
  }
}
