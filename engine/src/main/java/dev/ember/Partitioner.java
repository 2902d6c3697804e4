package dev.ember;

import java.io.Serializable;

/**
 * Maps keys to reduce partitions for a shuffle. Two datasets partitioned by equal partitioners have
 * each key in the same partition index, so joining or grouping them needs no new shuffle (Spark's
 * behaviour); implementations must therefore define {@code equals} and {@code hashCode}. Called on
 * task threads; must be thread-safe and serializable.
 */
public abstract class Partitioner implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The number of partitions, at least 1. */
  public abstract int numPartitions();

  /** The partition of {@code key}, in {@code [0, numPartitions())}; {@code key} may be null. */
  public abstract int partition(Object key);
}
