package dev.ember.lineage;

import static java.util.Objects.requireNonNull;

import dev.ember.Dataset;
import dev.ember.Pair;
import dev.ember.Partitioner;
import dev.ember.shuffle.Aggregator;
import java.util.Comparator;
import java.util.Optional;

/**
 * A shuffle: every partition of the child may read from every partition of the parent. Map tasks of
 * the parent's stage partition their output by {@link #partitioner()} (combining values per key
 * first when {@link #mapSideCombine()}); reduce tasks fetch their partition from every map output.
 *
 * @param <K> key type
 * @param <V> value type of the parent
 * @param <C> combiner type (equal to V when there is no aggregator)
 */
public final class ShuffleDependency<K, V, C> implements Dependency {
  private static final long serialVersionUID = 1L;

  private final Dataset<Pair<K, V>> parent;
  private final int shuffleId;
  private final Partitioner partitioner;
  private final Aggregator<V, C> aggregator; // null: no aggregation
  private final boolean mapSideCombine;
  private final Comparator<? super K> keyOrdering; // null: no sort

  /**
   * @param shuffleId the application-unique id of this shuffle
   * @param aggregator how to combine values of a key, or null for none
   * @param mapSideCombine whether map tasks combine before writing (requires an aggregator)
   * @param keyOrdering serializable ordering of keys within each reduce partition, or null
   */
  public ShuffleDependency(
      Dataset<Pair<K, V>> parent,
      int shuffleId,
      Partitioner partitioner,
      Aggregator<V, C> aggregator,
      boolean mapSideCombine,
      Comparator<? super K> keyOrdering) {
    if (mapSideCombine && aggregator == null) {
      throw new IllegalArgumentException("map-side combine needs an aggregator");
    }
    this.parent = requireNonNull(parent, "parent is null");
    this.shuffleId = shuffleId;
    this.partitioner = requireNonNull(partitioner, "partitioner is null");
    this.aggregator = aggregator;
    this.mapSideCombine = mapSideCombine;
    this.keyOrdering = keyOrdering;
  }

  @Override
  public Dataset<Pair<K, V>> parent() {
    return parent;
  }

  public int shuffleId() {
    return shuffleId;
  }

  public Partitioner partitioner() {
    return partitioner;
  }

  public Optional<Aggregator<V, C>> aggregator() {
    return Optional.ofNullable(aggregator);
  }

  public boolean mapSideCombine() {
    return mapSideCombine;
  }

  public Optional<Comparator<? super K>> keyOrdering() {
    return Optional.ofNullable(keyOrdering);
  }

  @Override
  public String toString() {
    return "ShuffleDependency(shuffle " + shuffleId + ", " + partitioner + ")";
  }
}
