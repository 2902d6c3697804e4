package dev.ember.lineage;

import dev.ember.Dataset;
import java.io.Serializable;

/**
 * An edge of the lineage graph: how a dataset's partitions derive from a parent's. Narrow
 * dependencies are pipelined inside one stage; shuffle dependencies split stages (Spark's {@code
 * Dependency}).
 */
public sealed interface Dependency extends Serializable
    permits NarrowDependency, ShuffleDependency {
  /** The parent dataset. */
  Dataset<?> parent();
}
