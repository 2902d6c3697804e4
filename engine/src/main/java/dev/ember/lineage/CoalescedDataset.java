package dev.ember.lineage;

import com.google.common.collect.Iterators;
import dev.ember.Dataset;
import dev.ember.Partition;
import dev.ember.TaskContext;
import dev.ember.scheduler.TaskLocation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Fewer partitions than the parent, without a shuffle: new partition i reads a contiguous range of
 * parent partitions (ranges differ in length by at most one). Spark additionally groups by
 * locality; that can come with the locality work.
 */
public final class CoalescedDataset<T> extends Dataset<T> {
  private static final long serialVersionUID = 1L;

  private final Dataset<T> parent;
  private final int target;

  public CoalescedDataset(Dataset<T> parent, int target) {
    super(parent.session());
    this.parent = parent;
    this.target = target;
  }

  record CoalescedPartition(int index, List<Integer> parentIndices) implements Partition {}

  @Override
  protected Partition[] computePartitions() {
    int n = parent.numPartitions();
    int count = Math.max(1, Math.min(target, n));
    Partition[] out = new Partition[n == 0 ? 0 : count];
    for (int i = 0; i < out.length; i++) {
      int from = (int) ((long) i * n / count);
      int to = (int) ((long) (i + 1) * n / count);
      out[i] =
          new CoalescedPartition(i, java.util.stream.IntStream.range(from, to).boxed().toList());
    }
    return out;
  }

  @Override
  public Iterator<T> compute(Partition partition, TaskContext context) {
    Partition[] parentPartitions = parent.partitions();
    Iterator<Iterator<T>> parts =
        ((CoalescedPartition) partition)
            .parentIndices().stream()
                .map(i -> parent.iterator(parentPartitions[i], context))
                .iterator();
    return Iterators.concat(parts);
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of(
        new NarrowDependency(parent) {
          private static final long serialVersionUID = 1L;

          @Override
          public List<Integer> parentPartitions(int partitionId) {
            return ((CoalescedPartition) partitions()[partitionId]).parentIndices();
          }
        });
  }

  @Override
  public List<TaskLocation> preferredLocations(Partition partition) {
    LinkedHashSet<TaskLocation> all = new LinkedHashSet<>();
    Partition[] parentPartitions = parent.partitions();
    for (int i : ((CoalescedPartition) partition).parentIndices()) {
      all.addAll(parent.preferredLocations(parentPartitions[i]));
    }
    return new ArrayList<>(all);
  }
}
