package dev.ember.collection;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.io.ByteStreams;
import com.google.common.io.CountingOutputStream;
import dev.ember.memory.SizeTracker;
import dev.ember.memory.Spillable;
import dev.ember.memory.TaskMemoryManager;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.RecordOutput;
import dev.ember.serializer.RecordSerializer;
import dev.ember.shuffle.Aggregator;
import dev.ember.storage.LocalDirs;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The buffer of a map task's output in a sort-based shuffle (the map side of Spark's {@code
 * ExternalSorter}): records are grouped by reduce partition, spilled to disk when the task's
 * execution memory runs out, and finally written as one data file in which each reduce partition's
 * records are one contiguous byte range.
 *
 * <p>Without an aggregator every (partition, key, value) is buffered. With one, the buffer is a
 * hash map keyed by (partition, key) holding combiners (map-side combine), so each spill holds a
 * key at most once per partition; a key may still repeat across spills, and the reduce side merges
 * such combiners with {@code mergeCombiners}.
 *
 * <p><b>File format.</b> A record is two top-level records of the {@link RecordSerializer}: the
 * key, then the value (without aggregator) or the combiner (with one). Records are sorted by
 * partition only. Because each top-level record of the serializer is self-contained, a partition's
 * byte range can be read with one {@link RecordSerializer#openInput} over exactly those bytes. A
 * spill file has the same layout, and this class remembers the byte offset of every partition's
 * segment in it; the final file is assembled by copying those segments as raw bytes (no
 * deserialization), partition by partition, each followed by the partition's records still in
 * memory.
 *
 * <p>Lifecycle: {@link #insert} any number of times, then {@link #writePartitionedFile} once. The
 * owner must call {@link #close()} on every path (it is idempotent), which deletes spill files and
 * releases the memory if writing did not complete. Not thread-safe: one task thread.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <C> combiner type (unused without an aggregator)
 */
public final class PartitionedMapOutputBuffer<K, V, C> extends Spillable implements AutoCloseable {
  private final int numPartitions;
  private final Optional<Combiner<V, C>> combiner;
  private final RecordSerializer serializer;
  private final SpillFiles spillFiles;
  private final List<Spill> spills = new ArrayList<>();
  private final SizeTracker sizeTracker = new SizeTracker();
  // Exactly one of the two is used: records without an aggregator, combiners with one.
  private final PartitionedPairBuffer<K, V> records = new PartitionedPairBuffer<>();
  private long recordsWritten;
  private final CombineMap<K, C> combiners = new CombineMap<>();
  private boolean written;
  private boolean closed;

  /**
   * A spill file and where each partition's segment starts in it; {@code offsets[numPartitions]} is
   * the file's length.
   */
  private static final class Spill {
    final Path file;
    private final long[] offsets;

    Spill(Path file, long[] offsets) {
      this.file = file;
      this.offsets = offsets;
    }

    long length() {
      return offsets[offsets.length - 1];
    }

    long segmentLength(int partition) {
      return offsets[partition + 1] - offsets[partition];
    }
  }

  /**
   * @param numPartitions number of reduce partitions; positive
   * @param aggregator the map-side combine, or empty to buffer every record
   * @param serializer writes spill files and the data file
   * @param localDirs where spill files are created
   * @param memory the task attempt's execution memory
   * @param metrics the task attempt's counters; each spill file written is recorded
   */
  public PartitionedMapOutputBuffer(
      int numPartitions,
      Optional<Aggregator<V, C>> aggregator,
      RecordSerializer serializer,
      LocalDirs localDirs,
      TaskMemoryManager memory,
      TaskMetrics metrics) {
    super(memory, metrics);
    checkArgument(numPartitions > 0, "numPartitions must be positive, was %s", numPartitions);
    this.numPartitions = numPartitions;
    this.combiner = aggregator.map(Combiner::new);
    this.serializer = requireNonNull(serializer, "serializer is null");
    this.spillFiles = new SpillFiles(localDirs, serializer, "shuffle-spill");
  }

  /**
   * Buffers one record of the map output, combining it with its key's combiner in the same
   * partition under map-side combine; may spill.
   *
   * @param partition the reduce partition, in {@code [0, numPartitions)}
   * @throws IllegalArgumentException if the partition is out of range
   * @throws IllegalStateException after {@link #writePartitionedFile} or {@link #close()}
   * @throws java.io.UncheckedIOException if a spill file cannot be written
   */
  public void insert(int partition, K key, V value) {
    checkState(!written && !closed, "cannot insert after writePartitionedFile() or close()");
    checkArgument(
        partition >= 0 && partition < numPartitions,
        "partition %s is out of range [0, %s)",
        partition,
        numPartitions);
    if (combiner.isPresent()) {
      int slot = combiners.slot(partition, key);
      combiners.setValue(
          slot,
          combiners.wasNew()
              ? combiner.get().create(value)
              : combiner.get().mergeValue(combiners.value(slot), value));
      sizeTracker.afterUpdate(combiners);
    } else {
      records.insert(partition, key, value);
      sizeTracker.afterUpdate(records);
    }
    maybeSpill(sizeTracker.estimatedSize());
  }

  @Override
  protected long spill() {
    SortedRecords<K, ?> sorted = drainSortedByPartition();
    recordsWritten += sorted.size();
    Path file = spillFiles.newFile();
    long[] offsets = new long[numPartitions + 1];
    try (CountingOutputStream counting = openCounting(file);
        RecordOutput out = serializer.openOutput(counting)) {
      int next = 0;
      for (int partition = 0; partition < numPartitions; partition++) {
        offsets[partition] = counting.getCount();
        next = writePartition(sorted, next, partition, out);
      }
      offsets[numPartitions] = counting.getCount();
    } catch (IOException e) {
      throw SpillFiles.cannotWrite(file, e);
    }
    Spill spill = new Spill(file, offsets);
    spills.add(spill);
    return spill.length();
  }

  /**
   * Writes all buffered and spilled records to {@code dataFile}, grouped by partition in partition
   * order, then deletes the spill files and releases the memory. Shuffle write metrics are left to
   * the caller (the shuffle writer), which knows the returned lengths.
   *
   * @param dataFile the file to create or overwrite; on failure it may be left partial, for the
   *     caller to delete
   * @return the byte length of each partition's range, indexed by partition; ranges are contiguous
   *     and start at offset 0
   * @throws IllegalStateException if called twice or after {@link #close()}
   * @throws UncheckedIOException if a spill file cannot be read or the data file written
   */
  public long[] writePartitionedFile(Path dataFile) {
    checkState(!written && !closed, "writePartitionedFile() may be called once, before close()");
    written = true;
    SortedRecords<K, ?> sorted = drainSortedByPartition();
    recordsWritten += sorted.size();
    long[] lengths = new long[numPartitions];
    List<InputStream> spillStreams = new ArrayList<>();
    try (CountingOutputStream counting = openCounting(dataFile);
        RecordOutput out = serializer.openOutput(counting)) {
      for (Spill spill : spills) {
        spillStreams.add(Files.newInputStream(spill.file));
      }
      int next = 0;
      for (int partition = 0; partition < numPartitions; partition++) {
        long start = counting.getCount();
        // Segments of a spill file are read in file order, so one sequential stream per spill does.
        for (int i = 0; i < spills.size(); i++) {
          copySegment(spills.get(i), partition, spillStreams.get(i), counting);
        }
        next = writePartition(sorted, next, partition, out);
        lengths[partition] = counting.getCount() - start;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write map output file " + dataFile, e);
    } finally {
      closeAll(spillStreams);
    }
    close();
    return lengths;
  }

  /**
   * Records (key and value or combiner) in the map output: after map-side combine, fewer than were
   * inserted. Final once {@link #writePartitionedFile} has returned.
   */
  public long recordsWritten() {
    return recordsWritten;
  }

  /** Deletes the spill files and releases the memory. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    records.clear();
    combiners.clear();
    try {
      spillFiles.close();
    } finally {
      releaseMemory();
    }
  }

  /** The in-memory records sorted (stably) by partition; the buffer is left empty. */
  private SortedRecords<K, ?> drainSortedByPartition() {
    SortedRecords<K, ?> sorted =
        combiner.isPresent()
            ? combiners.drainSorted(CombineMap.Order.PARTITION)
            : records.drainSortedByPartition();
    sizeTracker.reset();
    return sorted;
  }

  /**
   * Writes the records of {@code partition}, which start at index {@code from} of {@code sorted},
   * and flushes so that the underlying stream's count is the partition's end.
   *
   * @return the index of the first record of a later partition
   */
  private static int writePartition(
      SortedRecords<?, ?> sorted, int from, int partition, RecordOutput out) {
    int next = from;
    while (next < sorted.size() && sorted.partition(next) == partition) {
      out.write(sorted.key(next));
      out.write(sorted.value(next));
      next++;
    }
    out.flush();
    return next;
  }

  private static void copySegment(
      Spill spill, int partition, InputStream in, CountingOutputStream to) throws IOException {
    long expected = spill.segmentLength(partition);
    long copied = ByteStreams.copy(ByteStreams.limit(in, expected), to);
    if (copied != expected) {
      throw new IOException(
          "spill file "
              + spill.file
              + " is truncated: partition "
              + partition
              + " needs "
              + expected
              + " bytes, found "
              + copied);
    }
  }

  private static CountingOutputStream openCounting(Path file) throws IOException {
    return new CountingOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
  }

  private static void closeAll(List<InputStream> streams) {
    for (InputStream stream : streams) {
      try {
        stream.close();
      } catch (IOException e) {
        // Read-only streams of files about to be deleted: nothing is lost by ignoring this.
      }
    }
  }
}
