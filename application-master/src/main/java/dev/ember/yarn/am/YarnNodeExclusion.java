package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the ResourceManager's per-application node blacklist ({@link
 * AMRMClientAsync#updateBlacklist}) equal to the hosts the driver excluded on failure (Spark's
 * {@code YarnAllocatorNodeHealthTracker.synchronizeExcludedNodesWithYarn}): sends only the
 * additions and removals since the last call, so that YARN places no new executor container on an
 * excluded host, and again does once its exclusion expired.
 *
 * <p>Never every node: YARN could then place no container at all, and a driver whose executors were
 * all lost would wait for ever. So at most (cluster nodes - 1) hosts are sent (the first ones in
 * name order; the rest are logged and left out), and none while the RM has not yet reported its
 * node count. Spark fails the application instead when every node is excluded; in Ember the
 * driver's {@code ember.excludeOnFailure.unschedulableTaskSetTimeout} fails the stage that cannot
 * run. Not thread-safe: the {@link ExecutorAllocator} calls it under its lock.
 */
final class YarnNodeExclusion {
  private static final Logger LOG = LoggerFactory.getLogger(YarnNodeExclusion.class);

  private final AMRMClientAsync<ContainerRequest> rmClient;
  private SortedSet<String> sent = new TreeSet<>();
  private Set<String> lastWanted = Set.of();

  YarnNodeExclusion(AMRMClientAsync<ContainerRequest> rmClient) {
    this.rmClient = requireNonNull(rmClient, "rmClient is null");
  }

  /**
   * Moves the RM's blacklist to {@code wanted}, capped as the class doc says.
   *
   * @param wanted the hosts the driver excludes now
   * @param clusterNodes the RM's node count ({@link AMRMClientAsync#getClusterNodeCount}); 0 if not
   *     known yet
   */
  void sync(Set<String> wanted, int clusterNodes) {
    SortedSet<String> target = new TreeSet<>();
    int cap = Math.max(0, clusterNodes - 1);
    for (String host : new TreeSet<>(wanted)) {
      if (target.size() < cap) {
        target.add(host);
      }
    }
    if (target.size() < wanted.size() && !wanted.equals(lastWanted)) {
      LOG.warn(
          "The driver excludes {} hosts but the cluster has {} nodes: asking YARN to avoid only {}"
              + " so that executors can still be placed",
          wanted.size(),
          clusterNodes,
          target);
    }
    lastWanted = Set.copyOf(wanted);
    List<String> additions = new ArrayList<>(target);
    additions.removeAll(sent);
    List<String> removals = new ArrayList<>(sent);
    removals.removeAll(target);
    if (additions.isEmpty() && removals.isEmpty()) {
      return;
    }
    LOG.info(
        "Asking YARN for no executor containers on excluded hosts {} (added {}, removed {})",
        target,
        additions,
        removals);
    rmClient.updateBlacklist(additions, removals);
    sent = target;
  }

  /** The hosts the RM was last told to avoid. */
  SortedSet<String> excluded() {
    return java.util.Collections.unmodifiableSortedSet(sent);
  }
}
