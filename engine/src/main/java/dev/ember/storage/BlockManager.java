package dev.ember.storage;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Iterators;
import dev.ember.Dataset;
import dev.ember.Partition;
import dev.ember.StorageLevel;
import dev.ember.TaskContext;
import dev.ember.execution.DriverEndpoint;
import dev.ember.memory.MemoryManager;
import dev.ember.memory.SizeEstimator;
import dev.ember.serializer.RecordInput;
import dev.ember.serializer.RecordOutput;
import dev.ember.serializer.RecordSerializer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An executor's cache of persisted partitions (Spark's {@code BlockManager} with its memory and
 * disk stores). Partitions are kept deserialized in memory under the storage share of the
 * executor's {@link MemoryManager}, least recently used first out; {@code MEMORY_AND_DISK} blocks
 * that are evicted or do not fit go to local disk, {@code MEMORY_ONLY} ones are dropped and
 * recomputed from lineage when next needed. Every store and drop is reported to the driver, which
 * uses it for PROCESS_LOCAL placement. Thread-safe.
 */
public final class BlockManager {
  private final String executorId;
  private final String host;
  private final RecordSerializer serializer;
  private final LocalDirs dirs;
  private final DriverEndpoint driver;
  private final MemoryManager memoryManager;
  // Access-ordered: iteration starts at the least recently used block.
  private final LinkedHashMap<BlockId, MemoryEntry> memory = new LinkedHashMap<>(16, 0.75f, true);
  private final Set<BlockId> onDisk = ConcurrentHashMap.newKeySet();

  private record MemoryEntry(List<Object> values, long size, StorageLevel level) {}

  /**
   * @param memoryBudget bytes shared by execution and storage on this executor
   * @param storageFraction share of the budget protected from eviction by execution
   */
  public BlockManager(
      String executorId,
      String host,
      RecordSerializer serializer,
      LocalDirs dirs,
      DriverEndpoint driver,
      long memoryBudget,
      double storageFraction) {
    this.executorId = requireNonNull(executorId, "executorId is null");
    this.host = requireNonNull(host, "host is null");
    this.serializer = requireNonNull(serializer, "serializer is null");
    this.dirs = requireNonNull(dirs, "dirs is null");
    this.driver = requireNonNull(driver, "driver is null");
    this.memoryManager = new MemoryManager(memoryBudget, storageFraction, this::evict);
  }

  public MemoryManager memoryManager() {
    return memoryManager;
  }

  /**
   * The cached elements of a partition, or, on a miss, the computed ones (cached on the way when
   * they fit). Called on task threads.
   */
  @SuppressWarnings("unchecked")
  public <T> Iterator<T> getOrCompute(
      Dataset<T> dataset, Partition partition, StorageLevel level, TaskContext context) {
    BlockId id = new BlockId.CachedPartition(dataset.id(), partition.index());
    synchronized (this) {
      MemoryEntry entry = memory.get(id);
      if (entry != null) {
        return (Iterator<T>) entry.values().iterator();
      }
    }
    if (onDisk.contains(id)) {
      Iterator<T> fromDisk = readFromDisk(id);
      if (fromDisk != null) {
        return fromDisk;
      }
    }
    Iterator<T> computed = dataset.compute(partition, context);
    return (Iterator<T>) store(id, (Iterator<Object>) computed, level);
  }

  private Iterator<Object> store(BlockId id, Iterator<Object> values, StorageLevel level) {
    if (level.useMemory()) {
      List<Object> buffer = new ArrayList<>();
      long size = 0;
      long nextCheck = 1;
      boolean fits = true;
      // Unroll gradually, re-estimating at growing intervals, and give up before the block could
      // take more memory than storage can ever have.
      while (values.hasNext()) {
        buffer.add(values.next());
        if (buffer.size() >= nextCheck) {
          size = SizeEstimator.estimate(buffer);
          nextCheck = Math.max(nextCheck + 1, (long) (buffer.size() * 1.5));
          if (size > memoryManager.maxStorage()) {
            fits = false;
            break;
          }
        }
      }
      if (fits) {
        size = SizeEstimator.estimate(buffer);
        if (reserve(size)) {
          synchronized (this) {
            memory.put(id, new MemoryEntry(buffer, size, level));
          }
          driver.blockUpdated(id, executorId, host, true);
          return buffer.iterator();
        }
      }
      Iterator<Object> all = Iterators.concat(buffer.iterator(), values);
      if (!level.useDisk()) {
        return all; // Does not fit: serve it uncached; it is recomputed next time.
      }
      values = all;
    }
    writeToDisk(id, values);
    driver.blockUpdated(id, executorId, host, true);
    Iterator<Object> stored = readFromDisk(id);
    if (stored == null) {
      throw new IllegalStateException(
          "block " + id.name() + " vanished right after it was written");
    }
    return stored;
  }

  /** Reserves storage memory, evicting least recently used blocks when needed. */
  private boolean reserve(long size) {
    if (memoryManager.acquireStorage(size)) {
      return true;
    }
    long free =
        memoryManager.budget() - memoryManager.executionUsed() - memoryManager.storageUsed();
    evict(size - free);
    return memoryManager.acquireStorage(size);
  }

  /** Frees at least {@code bytes} of storage by evicting LRU blocks; returns bytes freed. */
  private long evict(long bytes) {
    long freed = 0;
    List<Map.Entry<BlockId, MemoryEntry>> victims = new ArrayList<>();
    synchronized (this) {
      Iterator<Map.Entry<BlockId, MemoryEntry>> it = memory.entrySet().iterator();
      while (freed < bytes && it.hasNext()) {
        Map.Entry<BlockId, MemoryEntry> e = it.next();
        victims.add(Map.entry(e.getKey(), e.getValue()));
        freed += e.getValue().size();
        it.remove();
      }
    }
    for (Map.Entry<BlockId, MemoryEntry> victim : victims) {
      MemoryEntry entry = victim.getValue();
      if (entry.level().useDisk()) {
        writeToDisk(victim.getKey(), entry.values().iterator());
      } else {
        driver.blockUpdated(victim.getKey(), executorId, host, false);
      }
      memoryManager.releaseStorage(entry.size());
    }
    return freed;
  }

  private void writeToDisk(BlockId id, Iterator<Object> values) {
    Path target = dirs.file(id.name());
    Path temp = dirs.newTempFile(id.name());
    try (RecordOutput out =
        serializer.openOutput(new BufferedOutputStream(Files.newOutputStream(temp)))) {
      while (values.hasNext()) {
        out.write(values.next());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write cached block " + id.name() + " to " + temp, e);
    }
    try {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot move cached block into " + target, e);
    }
    onDisk.add(id);
  }

  @SuppressWarnings("unchecked")
  private <T> Iterator<T> readFromDisk(BlockId id) {
    Path file = dirs.file(id.name());
    try {
      RecordInput in = serializer.openInput(new BufferedInputStream(Files.newInputStream(file)));
      TaskContext.get().ifPresent(ctx -> ctx.addCompletionListener(in::close));
      return (Iterator<T>) (Iterator<?>) in;
    } catch (IOException e) {
      onDisk.remove(id);
      return null;
    }
  }

  /** Whether the block is cached here (in memory or on disk). */
  public synchronized boolean contains(BlockId id) {
    return memory.containsKey(id) || onDisk.contains(id);
  }

  /** Drops every cached partition of a dataset. */
  public void removeDataset(int datasetId) {
    List<BlockId> removed = new ArrayList<>();
    synchronized (this) {
      Iterator<Map.Entry<BlockId, MemoryEntry>> it = memory.entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<BlockId, MemoryEntry> e = it.next();
        if (e.getKey() instanceof BlockId.CachedPartition c && c.datasetId() == datasetId) {
          memoryManager.releaseStorage(e.getValue().size());
          removed.add(e.getKey());
          it.remove();
        }
      }
    }
    for (BlockId id : List.copyOf(onDisk)) {
      if (id instanceof BlockId.CachedPartition c && c.datasetId() == datasetId) {
        onDisk.remove(id);
        try {
          Files.deleteIfExists(dirs.file(id.name()));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete cached block " + id.name(), e);
        }
        removed.add(id);
      }
    }
    removed.forEach(id -> driver.blockUpdated(id, executorId, host, false));
  }

  /** Drops everything (executor shutdown). */
  public synchronized void clear() {
    memory.values().forEach(e -> memoryManager.releaseStorage(e.size()));
    memory.clear();
    onDisk.clear();
  }
}
