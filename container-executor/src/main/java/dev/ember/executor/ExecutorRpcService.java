package dev.ember.executor;

import static java.util.Objects.requireNonNull;

import dev.ember.execution.Executor;
import dev.ember.rpc.ProtoConversions;
import dev.ember.rpc.proto.ExecutorServiceGrpc;
import dev.ember.rpc.proto.KillTaskRequest;
import dev.ember.rpc.proto.KillTaskResponse;
import dev.ember.rpc.proto.LaunchTaskRequest;
import dev.ember.rpc.proto.LaunchTaskResponse;
import dev.ember.rpc.proto.RemoveCachedDatasetRequest;
import dev.ember.rpc.proto.RemoveCachedDatasetResponse;
import dev.ember.rpc.proto.ShutdownRequest;
import dev.ember.rpc.proto.ShutdownResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The executor's gRPC service, called by the driver: queues task attempts on the {@link Executor},
 * kills them (speculative execution's losers), drops cached datasets and shuts the process down.
 * The executor exists only once registration with the driver returned its configuration, so calls
 * that arrive earlier wait for it (briefly). Runs on gRPC handler threads behind {@code
 * SecretServerInterceptor}; the task binary is deserialized later, on a task thread.
 */
final class ExecutorRpcService extends ExecutorServiceGrpc.ExecutorServiceImplBase {
  private final CompletableFuture<Executor> executor;
  private final Consumer<String> shutdown;

  /**
   * @param executor completed once the executor is built after registration
   * @param shutdown stops the process, given the reason (called once per Shutdown call)
   */
  ExecutorRpcService(CompletableFuture<Executor> executor, Consumer<String> shutdown) {
    this.executor = requireNonNull(executor, "executor is null");
    this.shutdown = requireNonNull(shutdown, "shutdown is null");
  }

  @Override
  public void launchTask(LaunchTaskRequest request, StreamObserver<LaunchTaskResponse> response) {
    try {
      executor().launchTask(ProtoConversions.fromProto(request));
    } catch (RuntimeException e) {
      response.onError(
          Status.FAILED_PRECONDITION
              .withDescription("cannot launch TID " + request.getTaskAttemptId() + ": " + e)
              .asException());
      return;
    }
    response.onNext(LaunchTaskResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void killTask(KillTaskRequest request, StreamObserver<KillTaskResponse> response) {
    try {
      var unused = executor().killTask(request.getTaskAttemptId(), request.getReason());
    } catch (RuntimeException e) {
      response.onError(Status.INTERNAL.withDescription(e.toString()).asException());
      return;
    }
    response.onNext(KillTaskResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void removeCachedDataset(
      RemoveCachedDatasetRequest request, StreamObserver<RemoveCachedDatasetResponse> response) {
    try {
      executor().env().blockManager().removeDataset(request.getDatasetId());
    } catch (RuntimeException e) {
      response.onError(Status.INTERNAL.withDescription(e.toString()).asException());
      return;
    }
    response.onNext(RemoveCachedDatasetResponse.getDefaultInstance());
    response.onCompleted();
  }

  @Override
  public void shutdown(ShutdownRequest request, StreamObserver<ShutdownResponse> response) {
    response.onNext(ShutdownResponse.getDefaultInstance());
    response.onCompleted();
    shutdown.accept("the driver asked it to (" + request.getReason() + ")");
  }

  private Executor executor() {
    try {
      return executor.get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for registration", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("this executor did not finish registering: " + e, e);
    }
  }
}
