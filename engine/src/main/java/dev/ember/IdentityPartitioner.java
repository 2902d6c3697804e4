package dev.ember;

/** Partitions integer keys in {@code [0, n)} to the partition of the same number (repartition). */
final class IdentityPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;

  private final int partitions;

  IdentityPartitioner(int partitions) {
    this.partitions = partitions;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int partition(Object key) {
    return (Integer) key;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdentityPartitioner other && other.partitions == partitions;
  }

  @Override
  public int hashCode() {
    return 31 * partitions + 7;
  }
}
