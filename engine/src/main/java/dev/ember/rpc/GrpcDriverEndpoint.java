package dev.ember.rpc;

import static java.util.Objects.requireNonNull;

import dev.ember.execution.DriverEndpoint;
import dev.ember.rpc.proto.BlockUpdatedRequest;
import dev.ember.rpc.proto.BroadcastBytesRequest;
import dev.ember.rpc.proto.CanCommitRequest;
import dev.ember.rpc.proto.DriverServiceGrpc;
import dev.ember.rpc.proto.ExecutorAddressRequest;
import dev.ember.rpc.proto.MapOutputsRequest;
import dev.ember.rpc.proto.MapOutputsResponse;
import dev.ember.scheduler.MapStatus;
import dev.ember.storage.BlockId;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * An executor's {@link DriverEndpoint} over gRPC: each method is one blocking call to the driver's
 * {@link DriverRpcService} with a deadline of {@code ember.rpc.timeout}. Thread-safe (task threads
 * share it).
 */
public final class GrpcDriverEndpoint implements DriverEndpoint {
  private final DriverServiceGrpc.DriverServiceBlockingStub stub;
  private final Duration timeout;

  /**
   * @param channel a channel to the driver made by {@link RpcChannels#open}
   * @param timeout deadline of each call
   */
  public GrpcDriverEndpoint(Channel channel, Duration timeout) {
    this.stub = DriverServiceGrpc.newBlockingStub(requireNonNull(channel, "channel is null"));
    this.timeout = requireNonNull(timeout, "timeout is null");
  }

  private DriverServiceGrpc.DriverServiceBlockingStub stub() {
    return stub.withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public Optional<List<MapStatus>> mapOutputs(int shuffleId) {
    MapOutputsResponse r =
        call(
            "map outputs of shuffle " + shuffleId,
            () ->
                stub().mapOutputs(MapOutputsRequest.newBuilder().setShuffleId(shuffleId).build()));
    if (!r.getComplete()) {
      return Optional.empty();
    }
    return Optional.of(r.getStatusesList().stream().map(ProtoConversions::fromProto).toList());
  }

  @Override
  public byte[] broadcastBytes(long broadcastId) {
    return call(
            "broadcast " + broadcastId,
            () ->
                stub()
                    .broadcastBytes(
                        BroadcastBytesRequest.newBuilder().setBroadcastId(broadcastId).build()))
        .getValue()
        .toByteArray();
  }

  @Override
  public boolean canCommit(int stageId, int stageAttempt, int partition, int attemptNumber) {
    return call(
            "commit permission for partition " + partition + " of stage " + stageId,
            () ->
                stub()
                    .canCommit(
                        CanCommitRequest.newBuilder()
                            .setStageId(stageId)
                            .setStageAttempt(stageAttempt)
                            .setPartition(partition)
                            .setAttemptNumber(attemptNumber)
                            .build()))
        .getAllowed();
  }

  /**
   * @throws IllegalArgumentException for a block that is not a cached partition (shuffle blocks are
   *     tracked through map statuses)
   */
  @Override
  public void blockUpdated(BlockId blockId, String executorId, String host, boolean stored) {
    if (!(blockId instanceof BlockId.CachedPartition cached)) {
      throw new IllegalArgumentException(
          "only cached partitions are reported to the driver, not " + blockId.name());
    }
    var unused =
        call(
            "block update of " + blockId.name(),
            () ->
                stub()
                    .blockUpdated(
                        BlockUpdatedRequest.newBuilder()
                            .setDatasetId(cached.datasetId())
                            .setPartition(cached.partition())
                            .setExecutorId(executorId)
                            .setHost(host)
                            .setStored(stored)
                            .build()));
  }

  /** Where an executor's server listens, or empty if the driver does not know it (lost). */
  public Optional<String> executorAddress(String executorId) {
    String address =
        call(
                "the address of executor " + executorId,
                () ->
                    stub()
                        .executorAddress(
                            ExecutorAddressRequest.newBuilder().setExecutorId(executorId).build()))
            .getServerAddress();
    return address.isEmpty() ? Optional.empty() : Optional.of(address);
  }

  private static <T> T call(String what, Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw new IllegalStateException(
          "cannot get " + what + " from the driver: " + e.getStatus(), e);
    }
  }
}
