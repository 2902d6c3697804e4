package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Free task slots on one executor, offered by the backend to the task scheduler.
 *
 * @param executorId the executor
 * @param host its host
 * @param rack its host's rack; empty when the backend does not know it, in which case the {@link
 *     TaskScheduler} uses the rack it resolved when the executor registered
 * @param freeSlots number of idle task threads
 */
public record WorkerOffer(String executorId, String host, Optional<String> rack, int freeSlots) {
  public WorkerOffer {
    requireNonNull(executorId, "executorId is null");
    requireNonNull(host, "host is null");
    requireNonNull(rack, "rack is null");
  }

  /** An offer whose rack the task scheduler fills in from its registry of executors. */
  public WorkerOffer(String executorId, String host, int freeSlots) {
    this(executorId, host, Optional.empty(), freeSlots);
  }
}
