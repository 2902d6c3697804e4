package dev.ember.executor;

import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.ThreadFactoryBuilder;
import com.google.protobuf.ByteString;
import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.execution.Executor;
import dev.ember.execution.ExecutorEnv;
import dev.ember.execution.TaskDescription;
import dev.ember.rpc.GrpcDriverEndpoint;
import dev.ember.rpc.GrpcShuffleBlockFetcher;
import dev.ember.rpc.RpcChannels;
import dev.ember.rpc.RpcOptions;
import dev.ember.rpc.RpcSecret;
import dev.ember.rpc.RpcServer;
import dev.ember.rpc.ShuffleRpcService;
import dev.ember.rpc.proto.DriverServiceGrpc;
import dev.ember.rpc.proto.HeartbeatRequest;
import dev.ember.rpc.proto.HeartbeatResponse;
import dev.ember.rpc.proto.RegisterExecutorRequest;
import dev.ember.rpc.proto.RegisterExecutorResponse;
import dev.ember.rpc.proto.StatusUpdateRequest;
import dev.ember.serializer.KryoRecordSerializer;
import dev.ember.serializer.RecordSerializer;
import dev.ember.shuffle.ShuffleFiles;
import dev.ember.storage.BlockManager;
import dev.ember.storage.LocalDirs;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One executor process's life (Spark's {@code CoarseGrainedExecutorBackend}): starts its RPC server
 * (executor and shuffle services), registers with the driver and takes the driver's configuration,
 * runs launched tasks on an {@link Executor} whose {@link ExecutorEnv} talks to the driver and to
 * other executors over gRPC, reports each outcome, and heartbeats on one long-lived stream. It
 * stops when the driver says Shutdown or when the connection to the driver is lost. Thread-safe.
 */
final class ExecutorProcess {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorProcess.class);

  private final ExecutorSpec spec;
  private final RpcSecret secret;
  private final CompletableFuture<Executor> executor = new CompletableFuture<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicReference<String> stopReason = new AtomicReference<>();
  private final AtomicReference<StreamObserver<HeartbeatRequest>> heartbeatStream =
      new AtomicReference<>();
  private final ScheduledExecutorService heartbeats =
      Executors.newSingleThreadScheduledExecutor(
          new ThreadFactoryBuilder().setNameFormat("executor-heartbeat").setDaemon(true).build());

  ExecutorProcess(ExecutorSpec spec, RpcSecret secret) {
    this.spec = requireNonNull(spec, "spec is null");
    this.secret = requireNonNull(secret, "secret is null");
  }

  /**
   * Runs the executor until it is told to stop or loses the driver.
   *
   * @return true if the driver asked it to stop, false if the driver was lost
   * @throws IOException if the server cannot start
   * @throws StatusRuntimeException if registration with the driver fails
   */
  boolean run() throws IOException {
    LocalDirs localDirs = new LocalDirs(spec.localDirs(), "executor-" + spec.executorId());
    ShuffleFiles shuffleFiles = new ShuffleFiles(localDirs);
    ManagedChannel driverChannel = RpcChannels.open(spec.driverAddress(), secret);
    // Resolve and connect to the driver (on gRPC's threads) while this thread starts the server.
    var unusedState = driverChannel.getState(true);
    try (RpcServer server =
        RpcServer.start(
            spec.host(),
            0,
            secret,
            List.of(
                new ExecutorRpcService(executor, this::stop),
                new ShuffleRpcService(shuffleFiles)))) {
      RegisterExecutorResponse registered =
          DriverServiceGrpc.newBlockingStub(driverChannel)
              .withDeadlineAfter(60, TimeUnit.SECONDS)
              .registerExecutor(
                  RegisterExecutorRequest.newBuilder()
                      .setExecutorId(spec.executorId())
                      .setHost(spec.host())
                      .setCores(spec.cores())
                      .setServerAddress(server.address())
                      .build());
      EmberConf conf =
          EmberConf.of(registered.getConfMap())
              .with(CoreOptions.MEMORY_BUDGET, spec.memoryBudgetBytes());
      LOG.info(
          "Executor {} of {} registered with the driver at {}; serving on {}",
          spec.executorId(),
          registered.getAppId(),
          spec.driverAddress(),
          server.address());
      Duration timeout = conf.get(RpcOptions.RPC_TIMEOUT);
      GrpcDriverEndpoint driver = new GrpcDriverEndpoint(driverChannel, timeout);
      RecordSerializer records = new KryoRecordSerializer();
      BlockManager blockManager =
          new BlockManager(
              spec.executorId(),
              spec.host(),
              records,
              localDirs,
              driver,
              spec.memoryBudgetBytes(),
              conf.get(CoreOptions.MEMORY_STORAGE_FRACTION));
      try (GrpcShuffleBlockFetcher fetcher =
          new GrpcShuffleBlockFetcher(
              spec.executorId(), shuffleFiles, driver::executorAddress, secret, timeout)) {
        ExecutorEnv env =
            new ExecutorEnv(
                spec.executorId(),
                spec.host(),
                conf,
                records,
                localDirs,
                blockManager,
                shuffleFiles,
                fetcher,
                driver);
        DriverServiceGrpc.DriverServiceBlockingStub statusStub =
            DriverServiceGrpc.newBlockingStub(driverChannel);
        Executor tasks =
            new Executor(
                env, spec.cores(), (task, outcome) -> report(statusStub, timeout, task, outcome));
        executor.complete(tasks);
        startHeartbeats(driverChannel, conf.get(RpcOptions.HEARTBEAT_INTERVAL));
        awaitStop();
        endHeartbeats();
        tasks.close();
        env.close();
      }
    } finally {
      RpcChannels.close(driverChannel);
      localDirs.close();
    }
    String reason = stopReason.get();
    LOG.info("Executor {} stops: {}", spec.executorId(), reason);
    return reason.startsWith("the driver asked");
  }

  private void report(
      DriverServiceGrpc.DriverServiceBlockingStub stub,
      Duration timeout,
      TaskDescription task,
      byte[] outcome) {
    try {
      var unused =
          stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
              .statusUpdate(
                  StatusUpdateRequest.newBuilder()
                      .setExecutorId(spec.executorId())
                      .setTaskAttemptId(task.taskAttemptId())
                      .setEncodedOutcome(ByteString.copyFrom(outcome))
                      .build());
    } catch (StatusRuntimeException e) {
      stop("cannot report " + task + " to the driver: " + e.getStatus());
    }
  }

  /**
   * Stops the heartbeats and half-closes their stream, so that neither this executor's channel to
   * the driver nor the driver's server waits for a call still in flight when they shut down (a
   * stream left open held both for their 5 s grace period).
   */
  private void endHeartbeats() {
    heartbeats.shutdownNow();
    try {
      if (!heartbeats.awaitTermination(1, TimeUnit.SECONDS)) {
        return; // A send still running: leave the stream to the channel's shutdown.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    StreamObserver<HeartbeatRequest> stream = heartbeatStream.get();
    if (stream != null) {
      try {
        stream.onCompleted();
      } catch (RuntimeException e) {
        LOG.debug("Closing the heartbeat stream failed: {}", e.toString());
      }
    }
  }

  private void startHeartbeats(ManagedChannel driverChannel, Duration interval) {
    StreamObserver<HeartbeatRequest> stream =
        DriverServiceGrpc.newStub(driverChannel)
            .heartbeat(
                new StreamObserver<HeartbeatResponse>() {
                  @Override
                  public void onNext(HeartbeatResponse value) {}

                  @Override
                  public void onError(Throwable t) {
                    stop("lost the connection to the driver (" + Status.fromThrowable(t) + ")");
                  }

                  @Override
                  public void onCompleted() {
                    stop("the driver closed the heartbeat stream");
                  }
                });
    heartbeatStream.set(stream);
    HeartbeatRequest beat = HeartbeatRequest.newBuilder().setExecutorId(spec.executorId()).build();
    stream.onNext(beat);
    var unused =
        heartbeats.scheduleAtFixedRate(
            () -> stream.onNext(beat),
            interval.toMillis(),
            interval.toMillis(),
            TimeUnit.MILLISECONDS);
  }

  /** Completed with the task runner once the driver has accepted the registration. */
  CompletableFuture<Executor> registered() {
    return executor;
  }

  /** Asks the process to stop; the first reason wins. */
  void stop(String reason) {
    if (stopReason.compareAndSet(null, reason)) {
      stopped.countDown();
    }
  }

  private void awaitStop() {
    boolean interrupted = false;
    while (true) {
      try {
        stopped.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
