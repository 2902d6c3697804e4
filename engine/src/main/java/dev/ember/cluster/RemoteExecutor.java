package dev.ember.cluster;

import static java.util.Objects.requireNonNull;

import dev.ember.rpc.proto.ExecutorServiceGrpc;
import io.grpc.ManagedChannel;
import java.util.HashSet;
import java.util.Set;

/**
 * The driver's record of one registered executor process: identity, slots, the channel to its
 * server and the task attempts running on it. Mutable state, guarded by the owning {@link
 * RemoteSchedulerBackend}'s lock; not thread-safe on its own.
 */
final class RemoteExecutor {
  final String executorId;
  final String host;
  final int cores;
  final String serverAddress;
  final ManagedChannel channel;
  final ExecutorServiceGrpc.ExecutorServiceStub stub;
  final Set<Long> runningTasks = new HashSet<>();
  int freeSlots;
  long lastHeartbeatNanos;

  RemoteExecutor(
      String executorId,
      String host,
      int cores,
      String serverAddress,
      ManagedChannel channel,
      long nowNanos) {
    this.executorId = requireNonNull(executorId, "executorId is null");
    this.host = requireNonNull(host, "host is null");
    this.serverAddress = requireNonNull(serverAddress, "serverAddress is null");
    this.channel = requireNonNull(channel, "channel is null");
    this.stub = ExecutorServiceGrpc.newStub(channel);
    this.cores = cores;
    this.freeSlots = cores;
    this.lastHeartbeatNanos = nowNanos;
  }
}
