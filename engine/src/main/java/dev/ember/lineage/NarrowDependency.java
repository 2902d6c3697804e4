package dev.ember.lineage;

import static java.util.Objects.requireNonNull;

import dev.ember.Dataset;
import java.util.List;

/**
 * Each child partition depends on a small, known set of parent partitions, so it can be computed in
 * the same task as they are.
 */
public abstract non-sealed class NarrowDependency implements Dependency {
  private static final long serialVersionUID = 1L;

  private final Dataset<?> parent;

  protected NarrowDependency(Dataset<?> parent) {
    this.parent = requireNonNull(parent, "parent is null");
  }

  @Override
  public Dataset<?> parent() {
    return parent;
  }

  /** The parent partition indices that child partition {@code partitionId} reads. */
  public abstract List<Integer> parentPartitions(int partitionId);

  /** Child partition i reads parent partition i. */
  public static NarrowDependency oneToOne(Dataset<?> parent) {
    return new NarrowDependency(parent) {
      private static final long serialVersionUID = 1L;

      @Override
      public List<Integer> parentPartitions(int partitionId) {
        return List.of(partitionId);
      }
    };
  }

  /**
   * Child partitions {@code [outStart, outStart + length)} read parent partitions {@code [inStart,
   * inStart + length)} (one parent of a union).
   */
  public static NarrowDependency range(Dataset<?> parent, int inStart, int outStart, int length) {
    return new NarrowDependency(parent) {
      private static final long serialVersionUID = 1L;

      @Override
      public List<Integer> parentPartitions(int partitionId) {
        if (partitionId >= outStart && partitionId < outStart + length) {
          return List.of(partitionId - outStart + inStart);
        }
        return List.of();
      }
    };
  }
}
