package dev.ember.lineage;

import dev.ember.Dataset;
import dev.ember.Pair;
import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.TaskContext;
import dev.ember.shuffle.ShuffleReader;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The reduce side of a shuffle: partition i holds the pairs the parent's map tasks routed to reduce
 * partition i, combined per key when the dependency has an aggregator and sorted by key when it has
 * a key ordering.
 *
 * @param <K> key type
 * @param <V> parent value type
 * @param <C> combined value type (V without an aggregator)
 */
public final class ShuffledDataset<K, V, C> extends Dataset<Pair<K, C>> {
  private static final long serialVersionUID = 1L;

  private final ShuffleDependency<K, V, C> dependency;

  public ShuffledDataset(ShuffleDependency<K, V, C> dependency) {
    super(dependency.parent().session());
    this.dependency = dependency;
  }

  record ReducePartition(int index) implements Partition {}

  @Override
  protected Partition[] computePartitions() {
    Partition[] out = new Partition[dependency.partitioner().numPartitions()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new ReducePartition(i);
    }
    return out;
  }

  @Override
  public Iterator<Pair<K, C>> compute(Partition partition, TaskContext context) {
    return ShuffleReader.read(dependency, partition.index(), context);
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of(dependency);
  }

  @Override
  public Optional<Partitioner> partitioner() {
    return Optional.of(dependency.partitioner());
  }
}
