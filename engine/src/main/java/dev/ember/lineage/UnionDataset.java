package dev.ember.lineage;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.Partition;
import dev.ember.TaskContext;
import dev.ember.scheduler.TaskLocation;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** The concatenation of several datasets' partitions, without a shuffle. */
public final class UnionDataset<T> extends Dataset<T> {
  private static final long serialVersionUID = 1L;

  private final List<Dataset<T>> parents;

  public UnionDataset(EmberSession session, List<Dataset<T>> parents) {
    super(session);
    this.parents = List.copyOf(parents);
  }

  /**
   * Partition {@code index} of the union is partition {@code parentPartition} of parent {@code
   * parent}.
   */
  record UnionPartition(int index, int parent, Partition parentPartition) implements Partition {}

  @Override
  protected Partition[] computePartitions() {
    List<Partition> out = new ArrayList<>();
    for (int p = 0; p < parents.size(); p++) {
      for (Partition parentPartition : parents.get(p).partitions()) {
        out.add(new UnionPartition(out.size(), p, parentPartition));
      }
    }
    return out.toArray(new Partition[0]);
  }

  @Override
  public Iterator<T> compute(Partition partition, TaskContext context) {
    UnionPartition u = (UnionPartition) partition;
    return parents.get(u.parent()).iterator(u.parentPartition(), context);
  }

  @Override
  public List<Dependency> dependencies() {
    List<Dependency> deps = new ArrayList<>();
    int start = 0;
    for (Dataset<T> parent : parents) {
      deps.add(NarrowDependency.range(parent, 0, start, parent.numPartitions()));
      start += parent.numPartitions();
    }
    return deps;
  }

  @Override
  public List<TaskLocation> preferredLocations(Partition partition) {
    UnionPartition u = (UnionPartition) partition;
    return parents.get(u.parent()).preferredLocations(u.parentPartition());
  }
}
