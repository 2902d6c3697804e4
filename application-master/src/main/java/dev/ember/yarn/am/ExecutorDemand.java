package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import dev.ember.scheduler.LocalityDemand;

/**
 * What the driver asks of the ApplicationMaster's allocator at one moment: how many executors it
 * wants in all (running ones included) and where its pending tasks would like to run (Spark's
 * {@code RequestExecutors(requestedTotal, localityAwareTasks, hostToLocalTaskCount)} message). Sent
 * periodically by {@link DemandReportingBackend}; immutable.
 *
 * @param executorsWanted the executors the driver wants to have, running or not; at least 0
 * @param locality the pending tasks' preferred hosts and racks
 */
record ExecutorDemand(int executorsWanted, LocalityDemand locality) {
  ExecutorDemand {
    if (executorsWanted < 0) {
      throw new IllegalArgumentException("executorsWanted must be >= 0, got " + executorsWanted);
    }
    requireNonNull(locality, "locality is null");
  }
}
