package dev.ember;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Partitions by {@code key.hashCode()} modulo the number of partitions (non-negative); {@code null}
 * goes to partition 0. As Spark's {@code HashPartitioner}, arrays as keys do not work (their hash
 * is identity-based).
 */
public final class HashPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;

  private final int partitions;

  /**
   * @param partitions number of partitions, at least 1
   */
  public HashPartitioner(int partitions) {
    checkArgument(partitions >= 1, "number of partitions must be at least 1, was %s", partitions);
    this.partitions = partitions;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int partition(Object key) {
    return key == null ? 0 : Math.floorMod(key.hashCode(), partitions);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HashPartitioner other && other.partitions == partitions;
  }

  @Override
  public int hashCode() {
    return partitions;
  }

  @Override
  public String toString() {
    return "HashPartitioner(" + partitions + ")";
  }
}
