package dev.ember.scheduler;

import dev.ember.Dataset;
import dev.ember.lineage.ShuffleDependency;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A set of tasks that compute the same pipelined lineage on different partitions (Spark's stage):
 * either a shuffle map stage, which writes the map output of a shuffle dependency, or a job's
 * result stage. Mutable scheduling state; used only on the DAG scheduler's event thread.
 */
final class Stage {
  final StageId id;
  final Dataset<?> dataset;
  final List<Stage> parents;
  final String name;
  private final ShuffleDependency<?, ?, ?> shuffleDependency; // null for a result stage

  /** Serialized task binary of a result stage (made when its job was submitted). */
  final byte[] resultBinary;

  int latestAttempt = -1;
  final Set<Integer> pendingPartitions = new HashSet<>();
  final Set<Integer> fetchFailedAttempts = new HashSet<>();

  private Stage(
      StageId id,
      Dataset<?> dataset,
      List<Stage> parents,
      ShuffleDependency<?, ?, ?> shuffleDependency,
      byte[] resultBinary) {
    this.id = id;
    this.dataset = dataset;
    this.parents = List.copyOf(parents);
    this.shuffleDependency = shuffleDependency;
    this.resultBinary = resultBinary;
    this.name = id + " (" + dataset.creationSite() + ")";
  }

  static Stage shuffleMap(StageId id, ShuffleDependency<?, ?, ?> dependency, List<Stage> parents) {
    return new Stage(id, dependency.parent(), parents, dependency, null);
  }

  static Stage result(StageId id, Dataset<?> dataset, List<Stage> parents, byte[] binary) {
    return new Stage(id, dataset, parents, null, binary);
  }

  Optional<ShuffleDependency<?, ?, ?>> shuffleDependency() {
    return Optional.ofNullable(shuffleDependency);
  }

  boolean isShuffleMap() {
    return shuffleDependency != null;
  }

  int numPartitions() {
    return dataset.numPartitions();
  }

  @Override
  public String toString() {
    return name;
  }
}
