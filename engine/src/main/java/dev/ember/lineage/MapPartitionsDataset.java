package dev.ember.lineage;

import dev.ember.Dataset;
import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.TaskContext;
import dev.ember.function.PartitionFunction;
import dev.ember.scheduler.TaskLocation;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** A partition-wise transformation of one parent (map, filter, flatMap, mapPartitions...). */
public final class MapPartitionsDataset<T, R> extends Dataset<R> {
  private static final long serialVersionUID = 1L;

  private final Dataset<T> parent;
  private final PartitionFunction<T, R> function;
  private final boolean preservesPartitioning;

  public MapPartitionsDataset(
      Dataset<T> parent, PartitionFunction<T, R> function, boolean preservesPartitioning) {
    super(parent.session());
    this.parent = parent;
    this.function = function;
    this.preservesPartitioning = preservesPartitioning;
  }

  @Override
  protected Partition[] computePartitions() {
    return parent.partitions();
  }

  @Override
  public Iterator<R> compute(Partition partition, TaskContext context) {
    try {
      return function.call(partition.index(), parent.iterator(partition, context));
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of(NarrowDependency.oneToOne(parent));
  }

  @Override
  public List<TaskLocation> preferredLocations(Partition partition) {
    return parent.preferredLocations(partition);
  }

  @Override
  public Optional<Partitioner> partitioner() {
    return preservesPartitioning ? parent.partitioner() : Optional.empty();
  }
}
