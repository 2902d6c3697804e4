package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import dev.ember.Dataset;
import dev.ember.StorageLevel;
import dev.ember.lineage.Dependency;
import dev.ember.lineage.NarrowDependency;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerMaster;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a task would like to run, as Spark's {@code DAGScheduler.getPreferredLocs} decides it:
 * executors caching the partition first (PROCESS_LOCAL), then the dataset's own preferences (e.g.
 * HDFS block hosts), then, through narrow dependencies, the first parent partition that has any.
 * Used on the DAG scheduler's event thread.
 */
final class PreferredLocations {
  private final BlockManagerMaster blocks;

  PreferredLocations(BlockManagerMaster blocks) {
    this.blocks = requireNonNull(blocks, "blocks is null");
  }

  /** The preferred locations of {@code partition} of {@code dataset}; empty if it has none. */
  List<TaskLocation> of(Dataset<?> dataset, int partition) {
    return find(dataset, partition, new HashSet<>());
  }

  private List<TaskLocation> find(Dataset<?> dataset, int partition, Set<String> seen) {
    if (!seen.add(dataset.id() + ":" + partition)) {
      return List.of();
    }
    if (dataset.storageLevel() != StorageLevel.NONE) {
      List<TaskLocation> cached =
          blocks.locations(new BlockId.CachedPartition(dataset.id(), partition));
      if (!cached.isEmpty()) {
        return cached;
      }
    }
    List<TaskLocation> own = dataset.preferredLocations(dataset.partitions()[partition]);
    if (!own.isEmpty()) {
      return own;
    }
    for (Dependency dep : dataset.dependencies()) {
      if (dep instanceof NarrowDependency narrow) {
        for (int parentPartition : narrow.parentPartitions(partition)) {
          List<TaskLocation> locs = find(narrow.parent(), parentPartition, seen);
          if (!locs.isEmpty()) {
            return locs;
          }
        }
      }
    }
    return List.of();
  }
}
