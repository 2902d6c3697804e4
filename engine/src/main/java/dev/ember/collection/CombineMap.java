package dev.ember.collection;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.Arrays;
import java.util.Objects;

/**
 * An open-addressing hash map from (reduce partition, key) to a combiner, for combining records in
 * a task's memory: the idea of Spark's {@code AppendOnlyMap} / {@code PartitionedAppendOnlyMap}.
 * Compared with a {@link java.util.HashMap} keyed by a (partition, key) object it allocates nothing
 * per insert (no key wrapper, no node), compares stored hash codes before calling {@code equals},
 * and keeps everything in four flat arrays, which {@link dev.ember.memory.SizeEstimator} measures
 * by sampling ({@code O(sample)} per estimate instead of walking every entry).
 *
 * <p>Entries can be added and their combiners replaced, never removed one by one; {@link
 * #drainSorted} takes them all out at once (for a spill or the final output) and leaves the map
 * empty. {@code null} keys and {@code null} combiners are allowed.
 *
 * <p>Table: a power-of-two number of slots, probed with triangular steps (1, 2, 3, ... slots
 * further, which visits every slot of a power-of-two table), grown to twice its size when more than
 * 70% of its slots are used. Capacity is at most 2<sup>30</sup> slots, so at most about 750 million
 * entries. Not thread-safe: one task thread.
 *
 * @param <K> key type
 * @param <C> combiner type
 */
final class CombineMap<K, C> {
  private static final int MAX_CAPACITY = 1 << 30;
  private static final double LOAD_FACTOR = 0.7;

  /** Stands for the {@code null} key in {@link #keys}, where {@code null} marks a free slot. */
  private static final Object NULL_KEY = new Object();

  private final int initialCapacity;
  private int mask;
  private int[] partitions;
  private int[] hashes;
  private Object[] keys;
  private Object[] values;
  private int size;
  private int growThreshold;
  private boolean lastWasNew;

  /** An empty map with a small table. */
  CombineMap() {
    this(64);
  }

  /**
   * @param initialCapacity slots of the first table; a power of two, at least 2
   */
  CombineMap(int initialCapacity) {
    checkArgument(
        initialCapacity >= 2 && Integer.bitCount(initialCapacity) == 1,
        "initialCapacity must be a power of two >= 2, was %s",
        initialCapacity);
    this.initialCapacity = initialCapacity;
    allocate(initialCapacity);
  }

  private void allocate(int capacity) {
    mask = capacity - 1;
    partitions = new int[capacity];
    hashes = new int[capacity];
    keys = new Object[capacity];
    values = new Object[capacity];
    growThreshold = (int) (capacity * LOAD_FACTOR);
    size = 0;
  }

  /** Entries in the map. */
  int size() {
    return size;
  }

  /**
   * The slot of {@code (partition, key)}, added with a {@code null} combiner if it was absent (then
   * {@link #wasNew()} is true until the next call). The slot stays valid until the next call of
   * {@code slot} or {@link #drainSorted}.
   *
   * @throws IllegalStateException if the map already holds its maximum number of entries
   */
  int slot(int partition, K key) {
    if (size >= growThreshold) {
      grow();
    }
    Object stored = key == null ? NULL_KEY : key;
    int hash = Objects.hashCode(key);
    int pos = spread(hash, partition) & mask;
    int step = 1;
    while (true) {
      Object current = keys[pos];
      if (current == null) {
        keys[pos] = stored;
        partitions[pos] = partition;
        hashes[pos] = hash;
        size++;
        lastWasNew = true;
        return pos;
      }
      if (hashes[pos] == hash
          && partitions[pos] == partition
          && (current == stored || current.equals(stored))) {
        lastWasNew = false;
        return pos;
      }
      pos = (pos + step++) & mask;
    }
  }

  /** Whether the last {@link #slot} call added its entry. */
  boolean wasNew() {
    return lastWasNew;
  }

  /** The combiner in {@code slot}. */
  @SuppressWarnings("unchecked") // only C is stored in values
  C value(int slot) {
    return (C) values[slot];
  }

  /** Replaces the combiner in {@code slot}. */
  void setValue(int slot, C value) {
    values[slot] = value;
  }

  /** The murmur3 finalizer over the key's hash code and the partition. */
  private static int spread(int hash, int partition) {
    int h = hash ^ (partition * 0x61C88647);
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    h *= 0xC2B2AE35;
    h ^= h >>> 16;
    return h;
  }

  private void grow() {
    int capacity = mask + 1;
    checkState(
        capacity < MAX_CAPACITY,
        "cannot combine more than %s keys in one task's memory; use more partitions so that each"
            + " task sees fewer keys",
        growThreshold);
    int[] oldPartitions = partitions;
    int[] oldHashes = hashes;
    Object[] oldKeys = keys;
    Object[] oldValues = values;
    int oldSize = size;
    allocate(capacity * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != null) {
        int pos = spread(oldHashes[i], oldPartitions[i]) & mask;
        int step = 1;
        while (keys[pos] != null) {
          pos = (pos + step++) & mask;
        }
        keys[pos] = oldKeys[i];
        values[pos] = oldValues[i];
        partitions[pos] = oldPartitions[i];
        hashes[pos] = oldHashes[i];
      }
    }
    size = oldSize;
  }

  /** The order {@link #drainSorted} returns entries in. */
  enum Order {
    /** By reduce partition (in slot order within a partition): a map task's output. */
    PARTITION,
    /**
     * By the key's {@code hashCode} ({@code null} as 0), partitions ignored: the spill order that
     * {@link HashGroupMergeIterator} merges.
     */
    KEY_HASH,
    /** In no particular order (no sort). */
    NONE
  }

  /**
   * Takes every entry out, sorted by {@code order}, and leaves the map empty with its initial
   * table. O(n log n) with a primitive sort of (sort key, slot) pairs; allocates the result arrays.
   */
  SortedRecords<K, C> drainSorted(Order order) {
    long[] sortKeys = new long[size];
    int n = 0;
    for (int i = 0; i < keys.length; i++) {
      if (keys[i] != null) {
        // High half: the sort key (a signed compare of the longs orders it as a signed int);
        // low half: the slot, non-negative, so it only breaks ties.
        int primary =
            switch (order) {
              case PARTITION -> partitions[i];
              case KEY_HASH -> hashes[i];
              case NONE -> 0;
            };
        sortKeys[n++] = ((long) primary << 32) | i;
      }
    }
    if (order != Order.NONE) {
      Arrays.sort(sortKeys);
    }
    int[] outPartitions = new int[n];
    Object[] outKeys = new Object[n];
    Object[] outValues = new Object[n];
    for (int j = 0; j < n; j++) {
      int i = (int) sortKeys[j];
      outPartitions[j] = partitions[i];
      outKeys[j] = keys[i] == NULL_KEY ? null : keys[i];
      outValues[j] = values[i];
    }
    allocate(initialCapacity);
    return new SortedRecords<>(outPartitions, outKeys, outValues);
  }

  /** Forgets every entry and returns to the initial table. */
  void clear() {
    allocate(initialCapacity);
  }
}
