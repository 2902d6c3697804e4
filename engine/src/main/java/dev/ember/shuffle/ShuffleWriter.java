package dev.ember.shuffle;

import dev.ember.Pair;
import dev.ember.TaskContext;
import dev.ember.collection.PartitionedMapOutputBuffer;
import dev.ember.execution.ExecutorEnv;
import dev.ember.lineage.ShuffleDependency;
import dev.ember.scheduler.MapStatus;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;

/**
 * The map side of the sort-based shuffle: routes each pair of a map task's partition to its reduce
 * partition, combining per key first when the dependency asks for map-side combine, spilling
 * partitioned runs to disk when the task's memory runs out, and commits one data file plus index
 * (Spark's {@code SortShuffleWriter}). Runs on the map task's thread.
 */
public final class ShuffleWriter {
  private ShuffleWriter() {}

  /**
   * Writes map task {@code mapId}'s output for {@code dependency}.
   *
   * @return where the output is and the bytes written per reduce partition
   */
  public static <K, V, C> MapStatus write(
      ShuffleDependency<K, V, C> dependency,
      int mapId,
      Iterator<Pair<K, V>> records,
      TaskContext context) {
    ExecutorEnv env = context.env();
    int numPartitions = dependency.partitioner().numPartitions();
    var buffer =
        new PartitionedMapOutputBuffer<K, V, C>(
            numPartitions,
            dependency.mapSideCombine() ? dependency.aggregator() : Optional.empty(),
            env.recordSerializer(),
            env.localDirs(),
            context.memory(),
            context.metrics());
    try {
      while (records.hasNext()) {
        Pair<K, V> record = records.next();
        buffer.insert(
            dependency.partitioner().partition(record.key()), record.key(), record.value());
      }
      Path temp = env.shuffleFiles().tempDataFile(dependency.shuffleId(), mapId);
      long[] lengths = buffer.writePartitionedFile(temp);
      env.shuffleFiles().commit(dependency.shuffleId(), mapId, temp, lengths);
      long bytes = 0;
      for (long length : lengths) {
        bytes += length;
      }
      context.metrics().addShuffleWrite(buffer.recordsWritten(), bytes);
      return new MapStatus(env.executorId(), env.host(), mapId, lengths);
    } finally {
      buffer.close();
    }
  }
}
