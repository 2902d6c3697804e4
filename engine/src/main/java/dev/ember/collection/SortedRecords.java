package dev.ember.collection;

/**
 * Records taken out of an in-memory buffer ({@link CombineMap}, {@link PartitionedPairBuffer}) in
 * the order they are to be written: parallel arrays of reduce partition, key and value (or
 * combiner). Read-only; not thread-safe.
 *
 * @param <K> key type
 * @param <V> value or combiner type
 */
final class SortedRecords<K, V> {
  private final int[] partitions;
  private final Object[] keys;
  private final Object[] values;

  /** Takes ownership of the three arrays, which must have the same length. */
  SortedRecords(int[] partitions, Object[] keys, Object[] values) {
    this.partitions = partitions;
    this.keys = keys;
    this.values = values;
  }

  int size() {
    return keys.length;
  }

  int partition(int i) {
    return partitions[i];
  }

  @SuppressWarnings("unchecked") // the buffers store only K as a key
  K key(int i) {
    return (K) keys[i];
  }

  @SuppressWarnings("unchecked") // the buffers store only V as a value
  V value(int i) {
    return (V) values[i];
  }
}
