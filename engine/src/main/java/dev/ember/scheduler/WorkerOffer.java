package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

/**
 * Free task slots on one executor, offered by the backend to the task scheduler.
 *
 * @param executorId the executor
 * @param host its host
 * @param freeSlots number of idle task threads
 */
public record WorkerOffer(String executorId, String host, int freeSlots) {
  public WorkerOffer {
    requireNonNull(executorId, "executorId is null");
    requireNonNull(host, "host is null");
  }
}
