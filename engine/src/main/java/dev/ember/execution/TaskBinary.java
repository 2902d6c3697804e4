package dev.ember.execution;

import dev.ember.Dataset;
import dev.ember.Pair;
import dev.ember.lineage.ResultFunction;
import dev.ember.lineage.ShuffleDependency;
import java.io.Serializable;

/**
 * What every task of a stage runs, serialized once per stage attempt with Java serialization (it
 * holds user closures): the stage's final dataset, with its whole lineage, and either the shuffle
 * it writes or the action's per-partition function.
 */
public sealed interface TaskBinary extends Serializable {
  Dataset<?> dataset();

  /**
   * A shuffle map stage: write the dataset's partition as map output of {@code dependency}.
   *
   * @param dataset the map side dataset (the dependency's parent)
   * @param dependency the shuffle written
   */
  record ShuffleMap(Dataset<? extends Pair<?, ?>> dataset, ShuffleDependency<?, ?, ?> dependency)
      implements TaskBinary {}

  /**
   * A result stage: apply the action's function to the dataset's partition.
   *
   * @param dataset the action's dataset
   * @param function per-partition work of the action
   */
  record Result(Dataset<?> dataset, ResultFunction<?, ?> function) implements TaskBinary {}
}
