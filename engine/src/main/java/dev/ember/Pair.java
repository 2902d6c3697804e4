package dev.ember;

/**
 * A key-value pair, the element type of {@link PairDataset} (Spark's {@code Tuple2}). Either part
 * may be {@code null}; equality and hashing follow both parts.
 *
 * @param key the key, used by key-based operations to group and partition
 * @param value the value
 * @param <K> key type
 * @param <V> value type
 */
public record Pair<K, V>(K key, V value) {
  /** Shorthand for {@code new Pair<>(key, value)}. */
  public static <K, V> Pair<K, V> of(K key, V value) {
    return new Pair<>(key, value);
  }
}
