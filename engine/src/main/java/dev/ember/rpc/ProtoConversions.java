package dev.ember.rpc;

import com.google.protobuf.ByteString;
import dev.ember.execution.TaskDescription;
import dev.ember.rpc.proto.LaunchTaskRequest;
import dev.ember.rpc.proto.MapStatusProto;
import dev.ember.scheduler.MapStatus;
import dev.ember.scheduler.TaskLocality;

/**
 * Converts the engine's values to and from their protobuf messages. Pure functions; thread-safe.
 * Task binaries stay opaque bytes here: they are Java-deserialized on a task thread only.
 */
public final class ProtoConversions {
  private ProtoConversions() {}

  public static MapStatusProto toProto(MapStatus status) {
    MapStatusProto.Builder b =
        MapStatusProto.newBuilder()
            .setExecutorId(status.executorId())
            .setHost(status.host())
            .setMapId(status.mapId());
    for (long length : status.partitionLengths()) {
      b.addPartitionLengths(length);
    }
    return b.build();
  }

  public static MapStatus fromProto(MapStatusProto proto) {
    long[] lengths = proto.getPartitionLengthsList().stream().mapToLong(Long::longValue).toArray();
    return new MapStatus(proto.getExecutorId(), proto.getHost(), proto.getMapId(), lengths);
  }

  public static LaunchTaskRequest toProto(TaskDescription task) {
    return LaunchTaskRequest.newBuilder()
        .setTaskAttemptId(task.taskAttemptId())
        .setStageId(task.stageId())
        .setStageAttempt(task.stageAttempt())
        .setPartition(task.partition())
        .setAttemptNumber(task.attemptNumber())
        .setExecutorId(task.executorId())
        .setLocality(task.locality().name())
        .setTaskBinary(ByteString.copyFrom(task.taskBinary()))
        .build();
  }

  /**
   * The task description a launch request carries.
   *
   * @throws IllegalArgumentException if the locality is not a {@link TaskLocality} name
   */
  public static TaskDescription fromProto(LaunchTaskRequest proto) {
    return new TaskDescription(
        proto.getTaskAttemptId(),
        proto.getStageId(),
        proto.getStageAttempt(),
        proto.getPartition(),
        proto.getAttemptNumber(),
        proto.getExecutorId(),
        TaskLocality.valueOf(proto.getLocality()),
        proto.getTaskBinary().toByteArray());
  }
}
