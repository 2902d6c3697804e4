package dev.ember.collection;

import java.util.Arrays;

/**
 * An append-only buffer of (reduce partition, key, value) records, for a map task's output without
 * map-side combine: Spark's {@code PartitionedPairBuffer}. Records live in three flat arrays that
 * double when full, so an insert allocates nothing but the occasional larger array, and {@link
 * dev.ember.memory.SizeEstimator} measures the buffer by sampling its arrays instead of walking
 * every record. {@link #drainSortedByPartition} sorts with a primitive sort of (partition, index)
 * pairs, which keeps the insertion order within a partition. At most {@code Integer.MAX_VALUE - 8}
 * records. Not thread-safe: one task thread.
 *
 * @param <K> key type
 * @param <V> value type
 */
final class PartitionedPairBuffer<K, V> {
  private static final int INITIAL_CAPACITY = 64;
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

  private int[] partitions = new int[INITIAL_CAPACITY];
  private Object[] keys = new Object[INITIAL_CAPACITY];
  private Object[] values = new Object[INITIAL_CAPACITY];
  private int size;

  /** Records in the buffer. */
  int size() {
    return size;
  }

  /**
   * Appends a record.
   *
   * @throws IllegalStateException if the buffer holds its maximum number of records
   */
  void insert(int partition, K key, V value) {
    if (size == keys.length) {
      if (size == MAX_CAPACITY) {
        throw new IllegalStateException(
            "cannot buffer more than "
                + MAX_CAPACITY
                + " records in one task's memory; use more partitions so that each task writes fewer");
      }
      int capacity = (int) Math.min(MAX_CAPACITY, 2L * size);
      partitions = Arrays.copyOf(partitions, capacity);
      keys = Arrays.copyOf(keys, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    partitions[size] = partition;
    keys[size] = key;
    values[size] = value;
    size++;
  }

  /**
   * Takes every record out, sorted by partition (insertion order within a partition), and leaves
   * the buffer empty with its initial arrays.
   */
  SortedRecords<K, V> drainSortedByPartition() {
    long[] order = new long[size];
    for (int i = 0; i < size; i++) {
      order[i] = ((long) partitions[i] << 32) | i;
    }
    Arrays.sort(order);
    int[] outPartitions = new int[size];
    Object[] outKeys = new Object[size];
    Object[] outValues = new Object[size];
    for (int j = 0; j < size; j++) {
      int i = (int) order[j];
      outPartitions[j] = partitions[i];
      outKeys[j] = keys[i];
      outValues[j] = values[i];
    }
    clear();
    return new SortedRecords<>(outPartitions, outKeys, outValues);
  }

  /** Forgets every record and returns to the initial arrays. */
  void clear() {
    partitions = new int[INITIAL_CAPACITY];
    keys = new Object[INITIAL_CAPACITY];
    values = new Object[INITIAL_CAPACITY];
    size = 0;
  }
}
