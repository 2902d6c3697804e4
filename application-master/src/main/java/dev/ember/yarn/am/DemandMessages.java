package dev.ember.yarn.am;

import dev.ember.rpc.proto.UpdateDemandRequest;
import dev.ember.scheduler.LocalityDemand;
import java.util.Set;

/** Converts {@link ExecutorDemand} to and from its {@code UpdateDemand} message. */
final class DemandMessages {
  private DemandMessages() {}

  static UpdateDemandRequest toProto(ExecutorDemand demand) {
    LocalityDemand locality = demand.locality();
    return UpdateDemandRequest.newBuilder()
        .setExecutorsWanted(demand.executorsWanted())
        .setPendingTasks(locality.pendingTasks())
        .setLocalityAwareTasks(locality.localityAwareTasks())
        .putAllTasksByHost(locality.tasksByHost())
        .putAllTasksByRack(locality.tasksByRack())
        .addAllExcludedHosts(locality.excludedHosts())
        .build();
  }

  /**
   * @throws IllegalArgumentException if a count is negative or inconsistent
   */
  static ExecutorDemand fromProto(UpdateDemandRequest request) {
    if (request.getTasksByHostMap().values().stream().anyMatch(n -> n < 0)
        || request.getTasksByRackMap().values().stream().anyMatch(n -> n < 0)) {
      throw new IllegalArgumentException("task counts per host and rack must be >= 0");
    }
    return new ExecutorDemand(
        request.getExecutorsWanted(),
        new LocalityDemand(
            request.getPendingTasks(),
            request.getLocalityAwareTasks(),
            request.getTasksByHostMap(),
            request.getTasksByRackMap(),
            Set.copyOf(request.getExcludedHostsList())));
  }
}
