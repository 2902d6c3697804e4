package dev.ember.storage;

import java.io.Serializable;

/** The name of a block an executor stores: a cached partition or a shuffle block. */
public sealed interface BlockId extends Serializable {
  /** A file-name-safe name, unique per block. */
  String name();

  /**
   * Partition {@code partition} of persisted dataset {@code datasetId}.
   *
   * @param datasetId the dataset's id
   * @param partition the partition index
   */
  record CachedPartition(int datasetId, int partition) implements BlockId {
    @Override
    public String name() {
      return "rdd_" + datasetId + "_" + partition;
    }
  }

  /**
   * The bytes map task {@code mapId} wrote for reducer {@code reduceId} of a shuffle.
   *
   * @param shuffleId the shuffle
   * @param mapId the map task's partition index
   * @param reduceId the reduce partition
   */
  record ShuffleBlock(int shuffleId, int mapId, int reduceId) implements BlockId {
    @Override
    public String name() {
      return "shuffle_" + shuffleId + "_" + mapId + "_" + reduceId;
    }
  }
}
