package dev.ember.lineage;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.Partition;
import dev.ember.TaskContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A driver-side list cut into slices, one per partition (Spark's {@code parallelize}). Slices are
 * serialized with the record serializer when the dataset is created, so the elements need not be
 * {@code java.io.Serializable}, and later changes to the list are not seen.
 */
public final class ParallelCollectionDataset<T> extends Dataset<T> {
  private static final long serialVersionUID = 1L;

  private final List<byte[]> slices;

  public ParallelCollectionDataset(EmberSession session, List<T> data, int numSlices) {
    super(session);
    if (numSlices < 1) {
      throw new IllegalArgumentException("numSlices must be at least 1, was " + numSlices);
    }
    List<byte[]> out = new ArrayList<>(numSlices);
    int n = data.size();
    for (int i = 0; i < numSlices; i++) {
      int from = (int) ((long) i * n / numSlices);
      int to = (int) ((long) (i + 1) * n / numSlices);
      out.add(session.recordSerializer().toBytes(new ArrayList<>(data.subList(from, to))));
    }
    this.slices = List.copyOf(out);
  }

  record Slice(int index) implements Partition {}

  @Override
  protected Partition[] computePartitions() {
    Partition[] out = new Partition[slices.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = new Slice(i);
    }
    return out;
  }

  @Override
  public Iterator<T> compute(Partition partition, TaskContext context) {
    List<T> slice = context.env().recordSerializer().fromBytes(slices.get(partition.index()));
    context.metrics().addRecordsRead(slice.size());
    return slice.iterator();
  }

  @Override
  public List<Dependency> dependencies() {
    return List.of();
  }
}
