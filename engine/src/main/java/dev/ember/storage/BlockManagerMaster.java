package dev.ember.storage;

import dev.ember.scheduler.TaskLocation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The driver's view of which executors cache which blocks, fed by executors' block updates and read
 * by the DAG scheduler for PROCESS_LOCAL preferences. Thread-safe.
 */
public final class BlockManagerMaster {
  private final Map<BlockId, Set<TaskLocation>> locations = new ConcurrentHashMap<>();

  /** Records that {@code executorId} on {@code host} stored or dropped {@code id}. */
  public void blockUpdated(BlockId id, String executorId, String host, boolean stored) {
    TaskLocation location = TaskLocation.executor(host, executorId);
    if (stored) {
      locations.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(location);
    } else {
      locations.computeIfPresent(
          id,
          (k, set) -> {
            set.remove(location);
            return set.isEmpty() ? null : set;
          });
    }
  }

  /** The executors caching {@code id}. */
  public List<TaskLocation> locations(BlockId id) {
    Set<TaskLocation> set = locations.get(id);
    return set == null ? List.of() : List.copyOf(set);
  }

  /** Forgets every block of a lost executor. */
  public void removeExecutor(String executorId) {
    for (BlockId id : List.copyOf(locations.keySet())) {
      locations.computeIfPresent(
          id,
          (k, set) -> {
            set.removeIf(l -> l.executorId().orElse("").equals(executorId));
            return set.isEmpty() ? null : set;
          });
    }
  }
}
