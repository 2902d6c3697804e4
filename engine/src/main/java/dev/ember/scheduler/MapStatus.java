package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

/**
 * Where a finished map task left its shuffle output and how many bytes it wrote for each reduce
 * partition (reducers skip empty blocks).
 *
 * @param executorId the executor that holds the output files
 * @param host that executor's host
 * @param mapId the map task's partition index
 * @param partitionLengths bytes per reduce partition
 */
@SuppressWarnings("ArrayRecordComponent")
public record MapStatus(String executorId, String host, int mapId, long[] partitionLengths) {
  public MapStatus {
    requireNonNull(executorId, "executorId is null");
    requireNonNull(host, "host is null");
    partitionLengths = partitionLengths.clone();
  }

  /** Bytes written for {@code reduceId}. */
  public long length(int reduceId) {
    return partitionLengths[reduceId];
  }

  @Override
  public long[] partitionLengths() {
    return partitionLengths.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MapStatus m
        && m.mapId == mapId
        && m.executorId.equals(executorId)
        && java.util.Arrays.equals(m.partitionLengths, partitionLengths);
  }

  @Override
  public int hashCode() {
    return executorId.hashCode() * 31 + mapId;
  }

  @Override
  public String toString() {
    return "MapStatus(map " + mapId + " on " + executorId + "@" + host + ")";
  }
}
