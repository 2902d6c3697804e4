package dev.ember.lineage;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.Pair;
import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.TaskContext;
import dev.ember.shuffle.ShuffleReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Groups several pair datasets by key (Spark's {@code CoGroupedRDD}): each output element is a key
 * with one list of values per parent, in parent order. A parent already partitioned by an equal
 * partitioner is read in place (a narrow dependency); the others are shuffled.
 *
 * @param <K> key type
 */
public final class CoGroupedDataset<K> extends Dataset<Pair<K, List<List<Object>>>> {
  private static final long serialVersionUID = 1L;

  private final List<Dataset<Pair<K, Object>>> parents;
  private final Partitioner partitioner;
  private final List<Dependency> dependencies;

  public CoGroupedDataset(
      EmberSession session, List<Dataset<Pair<K, Object>>> parents, Partitioner partitioner) {
    super(session);
    this.parents = List.copyOf(parents);
    this.partitioner = partitioner;
    List<Dependency> deps = new ArrayList<>();
    for (Dataset<Pair<K, Object>> parent : parents) {
      if (parent.partitioner().equals(Optional.of(partitioner))) {
        deps.add(NarrowDependency.oneToOne(parent));
      } else {
        deps.add(
            new ShuffleDependency<K, Object, Object>(
                parent, session.newShuffleId(), partitioner, null, false, null));
      }
    }
    this.dependencies = List.copyOf(deps);
  }

  record CoGroupPartition(int index) implements Partition {}

  @Override
  protected Partition[] computePartitions() {
    Partition[] out = new Partition[partitioner.numPartitions()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new CoGroupPartition(i);
    }
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Iterator<Pair<K, List<List<Object>>>> compute(Partition partition, TaskContext context) {
    List<Iterator<Pair<K, Object>>> inputs = new ArrayList<>();
    for (int i = 0; i < dependencies.size(); i++) {
      Dependency dep = dependencies.get(i);
      if (dep instanceof ShuffleDependency<?, ?, ?> shuffle) {
        inputs.add(
            ShuffleReader.readRaw(
                (ShuffleDependency<K, Object, Object>) shuffle, partition.index(), context));
      } else {
        Dataset<Pair<K, Object>> parent = parents.get(i);
        inputs.add(parent.iterator(parent.partitions()[partition.index()], context));
      }
    }
    return ShuffleReader.cogroup(inputs, context);
  }

  @Override
  public List<Dependency> dependencies() {
    return dependencies;
  }

  @Override
  public Optional<Partitioner> partitioner() {
    return Optional.of(partitioner);
  }
}
