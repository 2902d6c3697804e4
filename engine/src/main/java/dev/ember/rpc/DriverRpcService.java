package dev.ember.rpc;

import static java.util.Objects.requireNonNull;

import dev.ember.execution.DriverEndpoint;
import dev.ember.rpc.proto.BlockUpdatedRequest;
import dev.ember.rpc.proto.BlockUpdatedResponse;
import dev.ember.rpc.proto.BroadcastBytesRequest;
import dev.ember.rpc.proto.BroadcastBytesResponse;
import dev.ember.rpc.proto.CanCommitRequest;
import dev.ember.rpc.proto.CanCommitResponse;
import dev.ember.rpc.proto.DriverServiceGrpc;
import dev.ember.rpc.proto.ExecutorAddressRequest;
import dev.ember.rpc.proto.ExecutorAddressResponse;
import dev.ember.rpc.proto.HeartbeatRequest;
import dev.ember.rpc.proto.HeartbeatResponse;
import dev.ember.rpc.proto.MapOutputsRequest;
import dev.ember.rpc.proto.MapOutputsResponse;
import dev.ember.rpc.proto.RegisterExecutorRequest;
import dev.ember.rpc.proto.RegisterExecutorResponse;
import dev.ember.rpc.proto.StatusUpdateRequest;
import dev.ember.rpc.proto.StatusUpdateResponse;
import dev.ember.scheduler.MapStatus;
import dev.ember.storage.BlockId;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The driver's gRPC service: answers executors' {@link DriverEndpoint} questions with the same
 * driver objects that answer in-process executors in local mode, and reports executor lifecycle and
 * task outcomes to an {@link ExecutorRegistry}. Runs on gRPC handler threads behind {@link
 * SecretServerInterceptor}. A handler's failure reaches the executor as a status whose description
 * is the exception's message.
 */
public final class DriverRpcService extends DriverServiceGrpc.DriverServiceImplBase {
  private final DriverEndpoint endpoint;
  private final ExecutorRegistry registry;

  public DriverRpcService(DriverEndpoint endpoint, ExecutorRegistry registry) {
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.registry = requireNonNull(registry, "registry is null");
  }

  @Override
  public void registerExecutor(
      RegisterExecutorRequest request, StreamObserver<RegisterExecutorResponse> response) {
    answer(
        response,
        () ->
            RegisterExecutorResponse.newBuilder()
                .setAppId(registry.appId())
                .putAllConf(
                    registry.registerExecutor(
                        request.getExecutorId(),
                        request.getHost(),
                        request.getCores(),
                        request.getServerAddress()))
                .build());
  }

  @Override
  public StreamObserver<HeartbeatRequest> heartbeat(StreamObserver<HeartbeatResponse> response) {
    return new StreamObserver<>() {
      private volatile String executorId = "";

      @Override
      public void onNext(HeartbeatRequest request) {
        executorId = request.getExecutorId();
        registry.heartbeat(executorId);
      }

      @Override
      public void onError(Throwable t) {
        if (!executorId.isEmpty()) {
          registry.executorDisconnected(
              executorId, "its heartbeat stream broke (" + Status.fromThrowable(t) + ")");
        }
      }

      @Override
      public void onCompleted() {
        if (!executorId.isEmpty()) {
          registry.executorDisconnected(executorId, "it closed its heartbeat stream");
        }
        response.onNext(HeartbeatResponse.getDefaultInstance());
        response.onCompleted();
      }
    };
  }

  @Override
  public void statusUpdate(
      StatusUpdateRequest request, StreamObserver<StatusUpdateResponse> response) {
    answer(
        response,
        () -> {
          registry.statusUpdate(
              request.getExecutorId(),
              request.getTaskAttemptId(),
              request.getEncodedOutcome().toByteArray());
          return StatusUpdateResponse.getDefaultInstance();
        });
  }

  @Override
  public void mapOutputs(MapOutputsRequest request, StreamObserver<MapOutputsResponse> response) {
    answer(
        response,
        () -> {
          Optional<List<MapStatus>> statuses = endpoint.mapOutputs(request.getShuffleId());
          MapOutputsResponse.Builder b =
              MapOutputsResponse.newBuilder().setComplete(statuses.isPresent());
          statuses.ifPresent(list -> list.forEach(s -> b.addStatuses(ProtoConversions.toProto(s))));
          return b.build();
        });
  }

  @Override
  public void broadcastBytes(
      BroadcastBytesRequest request, StreamObserver<BroadcastBytesResponse> response) {
    answer(
        response,
        () ->
            BroadcastBytesResponse.newBuilder()
                .setValue(
                    com.google.protobuf.ByteString.copyFrom(
                        endpoint.broadcastBytes(request.getBroadcastId())))
                .build());
  }

  @Override
  public void canCommit(CanCommitRequest request, StreamObserver<CanCommitResponse> response) {
    answer(
        response,
        () ->
            CanCommitResponse.newBuilder()
                .setAllowed(
                    endpoint.canCommit(
                        request.getStageId(),
                        request.getStageAttempt(),
                        request.getPartition(),
                        request.getAttemptNumber()))
                .build());
  }

  @Override
  public void blockUpdated(
      BlockUpdatedRequest request, StreamObserver<BlockUpdatedResponse> response) {
    answer(
        response,
        () -> {
          endpoint.blockUpdated(
              new BlockId.CachedPartition(request.getDatasetId(), request.getPartition()),
              request.getExecutorId(),
              request.getHost(),
              request.getStored());
          return BlockUpdatedResponse.getDefaultInstance();
        });
  }

  @Override
  public void executorAddress(
      ExecutorAddressRequest request, StreamObserver<ExecutorAddressResponse> response) {
    answer(
        response,
        () ->
            ExecutorAddressResponse.newBuilder()
                .setServerAddress(registry.serverAddress(request.getExecutorId()).orElse(""))
                .build());
  }

  private static <T> void answer(StreamObserver<T> response, Callable<T> handler) {
    T value;
    try {
      value = handler.call();
    } catch (IllegalStateException | IllegalArgumentException e) {
      response.onError(
          Status.FAILED_PRECONDITION.withDescription(e.getMessage()).withCause(e).asException());
      return;
    } catch (Exception e) {
      response.onError(Status.INTERNAL.withDescription(e.toString()).withCause(e).asException());
      return;
    }
    response.onNext(value);
    response.onCompleted();
  }
}
