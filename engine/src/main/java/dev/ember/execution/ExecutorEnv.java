package dev.ember.execution;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.EmberConf;
import dev.ember.memory.MemoryManager;
import dev.ember.serializer.RecordSerializer;
import dev.ember.shuffle.ShuffleBlockFetcher;
import dev.ember.shuffle.ShuffleFiles;
import dev.ember.storage.BlockManager;
import dev.ember.storage.LocalDirs;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The services of one executor that its tasks use (Spark's {@code SparkEnv}): identity, the record
 * serializer, local scratch dirs, the block manager (cache and memory), shuffle files and fetching,
 * and the driver endpoint. One per executor; thread-safe; {@link #close()} when the executor stops.
 */
public final class ExecutorEnv implements AutoCloseable {
  private final String executorId;
  private final String host;
  private final EmberConf conf;
  private final RecordSerializer recordSerializer;
  private final LocalDirs localDirs;
  private final BlockManager blockManager;
  private final ShuffleFiles shuffleFiles;
  private final ShuffleBlockFetcher shuffleFetcher;
  private final DriverEndpoint driver;
  private final ConcurrentHashMap<Long, Object> broadcasts = new ConcurrentHashMap<>();

  public ExecutorEnv(
      String executorId,
      String host,
      EmberConf conf,
      RecordSerializer recordSerializer,
      LocalDirs localDirs,
      BlockManager blockManager,
      ShuffleFiles shuffleFiles,
      ShuffleBlockFetcher shuffleFetcher,
      DriverEndpoint driver) {
    this.executorId = requireNonNull(executorId, "executorId is null");
    this.host = requireNonNull(host, "host is null");
    this.conf = requireNonNull(conf, "conf is null");
    this.recordSerializer = requireNonNull(recordSerializer, "recordSerializer is null");
    this.localDirs = requireNonNull(localDirs, "localDirs is null");
    this.blockManager = requireNonNull(blockManager, "blockManager is null");
    this.shuffleFiles = requireNonNull(shuffleFiles, "shuffleFiles is null");
    this.shuffleFetcher = requireNonNull(shuffleFetcher, "shuffleFetcher is null");
    this.driver = requireNonNull(driver, "driver is null");
  }

  public String executorId() {
    return executorId;
  }

  public String host() {
    return host;
  }

  public EmberConf conf() {
    return conf;
  }

  public RecordSerializer recordSerializer() {
    return recordSerializer;
  }

  public LocalDirs localDirs() {
    return localDirs;
  }

  public BlockManager blockManager() {
    return blockManager;
  }

  public MemoryManager memoryManager() {
    return blockManager.memoryManager();
  }

  public ShuffleFiles shuffleFiles() {
    return shuffleFiles;
  }

  public ShuffleBlockFetcher shuffleFetcher() {
    return shuffleFetcher;
  }

  public DriverEndpoint driver() {
    return driver;
  }

  /** A broadcast's value, fetched from the driver and deserialized once per executor. */
  public Object broadcastValue(long broadcastId) {
    return broadcasts.computeIfAbsent(
        broadcastId, id -> recordSerializer.fromBytes(driver.broadcastBytes(id)));
  }

  /** Drops the executor's copy of a broadcast. */
  public void removeBroadcast(long broadcastId) {
    broadcasts.remove(broadcastId);
  }

  /** Drops cached blocks and deletes the executor's local files. */
  @Override
  public void close() {
    blockManager.clear();
    localDirs.close();
  }
}
