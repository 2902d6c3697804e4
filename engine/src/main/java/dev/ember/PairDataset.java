package dev.ember;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Iterators;
import dev.ember.function.Function;
import dev.ember.function.Function2;
import dev.ember.function.SerializableComparator;
import dev.ember.lineage.CoGroupedDataset;
import dev.ember.lineage.ShuffleDependency;
import dev.ember.lineage.ShuffledDataset;
import dev.ember.shuffle.Aggregator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Key-value operations on a dataset of {@link Pair}s (Spark's {@code JavaPairRDD}): aggregation,
 * grouping, joins and partitioning by key. A thin, immutable view over {@link #dataset()}; every
 * operation is lazy unless documented as an action.
 *
 * <p>Operations that need all values of a key together shuffle the data with a {@link Partitioner};
 * when the input is already partitioned by an equal partitioner, no shuffle happens. Values are
 * combined on the map side before the shuffle where the operation allows it ({@code reduceByKey},
 * {@code foldByKey}, {@code aggregateByKey}, {@code combineByKey}; not {@code groupByKey}, as in
 * Spark).
 *
 * @param <K> key type; keys must have consistent {@code equals}/{@code hashCode}
 * @param <V> value type
 */
public final class PairDataset<K, V> {
  private final Dataset<Pair<K, V>> dataset;

  public PairDataset(Dataset<Pair<K, V>> dataset) {
    this.dataset = requireNonNull(dataset, "dataset is null");
  }

  /** The underlying dataset of pairs. */
  public Dataset<Pair<K, V>> dataset() {
    return dataset;
  }

  /** The partitioner the pairs are known to be partitioned by, if any. */
  public Optional<Partitioner> partitioner() {
    return dataset.partitioner();
  }

  public int numPartitions() {
    return dataset.numPartitions();
  }

  // ---------------------------------------------------------------- narrow transformations

  public Dataset<K> keys() {
    return dataset.map(Pair::key);
  }

  public Dataset<V> values() {
    return dataset.map(Pair::value);
  }

  /** Transforms values, keeping keys and therefore the partitioning. */
  public <W> PairDataset<K, W> mapValues(Function<V, W> f) {
    requireNonNull(f, "f is null");
    return new PairDataset<>(
        dataset.mapPartitionsWithIndex(
            (i, it) -> Iterators.transform(it, p -> Pair.of(p.key(), Dataset.call(f, p.value()))),
            true));
  }

  /** Zero or more values per value, keeping keys and the partitioning. */
  public <W> PairDataset<K, W> flatMapValues(Function<V, Iterable<W>> f) {
    requireNonNull(f, "f is null");
    return new PairDataset<>(
        dataset.mapPartitionsWithIndex(
            (i, it) ->
                Iterators.concat(
                    Iterators.transform(
                        it,
                        p ->
                            Iterators.transform(
                                Dataset.call(f, p.value()).iterator(), w -> Pair.of(p.key(), w)))),
            true));
  }

  /** The pairs for which {@code predicate} holds; keeps the partitioning. */
  public PairDataset<K, V> filter(Function<Pair<K, V>, Boolean> predicate) {
    return new PairDataset<>(dataset.filter(predicate));
  }

  public PairDataset<K, V> union(PairDataset<K, V> other) {
    return new PairDataset<>(dataset.union(other.dataset));
  }

  public PairDataset<K, V> cache() {
    dataset.cache();
    return this;
  }

  public PairDataset<K, V> persist(StorageLevel level) {
    dataset.persist(level);
    return this;
  }

  public PairDataset<K, V> unpersist() {
    dataset.unpersist();
    return this;
  }

  // ---------------------------------------------------------------- aggregation

  /**
   * The general per-key aggregation all others build on (Spark's {@code combineByKey}).
   *
   * @param mapSideCombine whether map tasks combine before the shuffle
   */
  public <C> PairDataset<K, C> combineByKey(
      Function<V, C> createCombiner,
      Function2<C, V, C> mergeValue,
      Function2<C, C, C> mergeCombiners,
      Partitioner partitioner,
      boolean mapSideCombine) {
    Aggregator<V, C> aggregator = new Aggregator<>(createCombiner, mergeValue, mergeCombiners);
    requireNonNull(partitioner, "partitioner is null");
    if (dataset.partitioner().equals(Optional.of(partitioner))) {
      // Already partitioned by key: every key's values are in one partition, combine in place.
      return new PairDataset<>(
          dataset.mapPartitionsWithIndex(
              (i, it) -> dev.ember.shuffle.ShuffleReader.combineValues(aggregator, it), true));
    }
    return new PairDataset<>(
        new ShuffledDataset<>(
            new ShuffleDependency<>(
                dataset,
                dataset.session().newShuffleId(),
                partitioner,
                aggregator,
                mapSideCombine,
                null)));
  }

  public <C> PairDataset<K, C> combineByKey(
      Function<V, C> createCombiner,
      Function2<C, V, C> mergeValue,
      Function2<C, C, C> mergeCombiners,
      int numPartitions) {
    return combineByKey(
        createCombiner, mergeValue, mergeCombiners, new HashPartitioner(numPartitions), true);
  }

  public <C> PairDataset<K, C> combineByKey(
      Function<V, C> createCombiner,
      Function2<C, V, C> mergeValue,
      Function2<C, C, C> mergeCombiners) {
    return combineByKey(
        createCombiner, mergeValue, mergeCombiners, defaultPartitioner(List.of()), true);
  }

  /** Merges the values of each key with an associative, commutative function. */
  public PairDataset<K, V> reduceByKey(Function2<V, V, V> f, Partitioner partitioner) {
    return combineByKey(v -> v, f, f, partitioner, true);
  }

  public PairDataset<K, V> reduceByKey(Function2<V, V, V> f, int numPartitions) {
    return reduceByKey(f, new HashPartitioner(numPartitions));
  }

  public PairDataset<K, V> reduceByKey(Function2<V, V, V> f) {
    return reduceByKey(f, defaultPartitioner(List.of()));
  }

  /**
   * Folds each key's values starting from a fresh copy of {@code zero} per key and partition
   * ({@code zero} must be the identity of {@code f}).
   */
  public PairDataset<K, V> foldByKey(V zero, Function2<V, V, V> f) {
    return aggregateByKey(zero, f, f);
  }

  /**
   * Aggregates each key's values: {@code seqOp} folds values into a fresh copy of {@code zero},
   * {@code combOp} merges partial results.
   */
  public <U> PairDataset<K, U> aggregateByKey(
      U zero, Function2<U, V, U> seqOp, Function2<U, U, U> combOp) {
    return aggregateByKey(zero, seqOp, combOp, defaultPartitioner(List.of()));
  }

  public <U> PairDataset<K, U> aggregateByKey(
      U zero, Function2<U, V, U> seqOp, Function2<U, U, U> combOp, Partitioner partitioner) {
    // A serialized zero gives every key its own copy, so mutable zeros (lists, arrays) are safe.
    byte[] zeroBytes = dataset.session().recordSerializer().toBytes(zero);
    return combineByKey(
        v -> {
          U fresh =
              dev.ember.TaskContext.get()
                  .map(ctx -> ctx.env().recordSerializer().<U>fromBytes(zeroBytes))
                  .orElseThrow();
          return seqOp.call(fresh, v);
        },
        seqOp,
        combOp,
        partitioner,
        true);
  }

  /**
   * All values of each key, as a list, in no particular order. Prefer {@code reduceByKey} or {@code
   * aggregateByKey} when the values are to be aggregated: grouping moves every value.
   */
  public PairDataset<K, List<V>> groupByKey(Partitioner partitioner) {
    return combineByKey(
        v -> {
          List<V> list = new ArrayList<>();
          list.add(v);
          return list;
        },
        (list, v) -> {
          list.add(v);
          return list;
        },
        (a, b) -> {
          a.addAll(b);
          return a;
        },
        partitioner,
        false);
  }

  public PairDataset<K, List<V>> groupByKey(int numPartitions) {
    return groupByKey(new HashPartitioner(numPartitions));
  }

  public PairDataset<K, List<V>> groupByKey() {
    return groupByKey(defaultPartitioner(List.of()));
  }

  // ---------------------------------------------------------------- partitioning and sorting

  /** The same pairs, partitioned by {@code partitioner} (no shuffle if already so). */
  public PairDataset<K, V> partitionBy(Partitioner partitioner) {
    requireNonNull(partitioner, "partitioner is null");
    if (dataset.partitioner().equals(Optional.of(partitioner))) {
      return this;
    }
    return new PairDataset<>(
        new ShuffledDataset<>(
            new ShuffleDependency<K, V, V>(
                dataset, dataset.session().newShuffleId(), partitioner, null, false, null)));
  }

  /** Sorts by key in natural order; the keys must be {@link Comparable}. */
  public PairDataset<K, V> sortByKey(boolean ascending, int numPartitions) {
    return sortByKey(SerializableComparator.natural(), ascending, numPartitions);
  }

  public PairDataset<K, V> sortByKey(boolean ascending) {
    return sortByKey(ascending, dataset.numPartitions());
  }

  public PairDataset<K, V> sortByKey() {
    return sortByKey(true);
  }

  /**
   * Sorts by key: a {@link RangePartitioner} (built now, by a sampling job, as in Spark) sends key
   * ranges to partitions in order, and each reduce task sorts its range, spilling to disk if
   * needed. Collecting the result gives a totally ordered list.
   */
  public PairDataset<K, V> sortByKey(
      SerializableComparator<K> comparator, boolean ascending, int numPartitions) {
    requireNonNull(comparator, "comparator is null");
    RangePartitioner<K> partitioner =
        new RangePartitioner<>(numPartitions, keys(), comparator, ascending);
    SerializableComparator<K> order = ascending ? comparator : (a, b) -> comparator.compare(b, a);
    return new PairDataset<>(
        new ShuffledDataset<>(
            new ShuffleDependency<K, V, V>(
                dataset, dataset.session().newShuffleId(), partitioner, null, false, order)));
  }

  // ---------------------------------------------------------------- cogroup and joins

  /** For each key, the list of its values here and the list of its values in {@code other}. */
  public <W> PairDataset<K, Pair<List<V>, List<W>>> cogroup(
      PairDataset<K, W> other, Partitioner partitioner) {
    @SuppressWarnings("unchecked")
    List<Dataset<Pair<K, Object>>> parents =
        List.of(
            (Dataset<Pair<K, Object>>) (Dataset<?>) dataset,
            (Dataset<Pair<K, Object>>) (Dataset<?>) other.dataset);
    CoGroupedDataset<K> grouped = new CoGroupedDataset<>(dataset.session(), parents, partitioner);
    @SuppressWarnings("unchecked")
    PairDataset<K, Pair<List<V>, List<W>>> out =
        new PairDataset<>(grouped)
            .mapValues(
                lists ->
                    Pair.of((List<V>) (List<?>) lists.get(0), (List<W>) (List<?>) lists.get(1)));
    return out;
  }

  public <W> PairDataset<K, Pair<List<V>, List<W>>> cogroup(PairDataset<K, W> other) {
    return cogroup(other, defaultPartitioner(List.of(other)));
  }

  /** Pairs of values for keys present on both sides (inner join). */
  public <W> PairDataset<K, Pair<V, W>> join(PairDataset<K, W> other) {
    return join(other, defaultPartitioner(List.of(other)));
  }

  public <W> PairDataset<K, Pair<V, W>> join(PairDataset<K, W> other, Partitioner partitioner) {
    return cogroup(other, partitioner)
        .flatMapValues(
            g -> {
              List<Pair<V, W>> out = new ArrayList<>();
              for (V v : g.key()) {
                for (W w : g.value()) {
                  out.add(Pair.of(v, w));
                }
              }
              return out;
            });
  }

  /** Every pair of this side, with the other side's matching values or empty. */
  public <W> PairDataset<K, Pair<V, Optional<W>>> leftOuterJoin(PairDataset<K, W> other) {
    return cogroup(other)
        .flatMapValues(
            g -> {
              List<Pair<V, Optional<W>>> out = new ArrayList<>();
              for (V v : g.key()) {
                if (g.value().isEmpty()) {
                  out.add(Pair.of(v, Optional.empty()));
                }
                for (W w : g.value()) {
                  out.add(Pair.of(v, Optional.ofNullable(w)));
                }
              }
              return out;
            });
  }

  /** Every pair of the other side, with this side's matching values or empty. */
  public <W> PairDataset<K, Pair<Optional<V>, W>> rightOuterJoin(PairDataset<K, W> other) {
    return cogroup(other)
        .flatMapValues(
            g -> {
              List<Pair<Optional<V>, W>> out = new ArrayList<>();
              for (W w : g.value()) {
                if (g.key().isEmpty()) {
                  out.add(Pair.of(Optional.empty(), w));
                }
                for (V v : g.key()) {
                  out.add(Pair.of(Optional.ofNullable(v), w));
                }
              }
              return out;
            });
  }

  /** Every key of either side, with matches or empty on each side. */
  public <W> PairDataset<K, Pair<Optional<V>, Optional<W>>> fullOuterJoin(PairDataset<K, W> other) {
    return cogroup(other)
        .flatMapValues(
            g -> {
              List<Pair<Optional<V>, Optional<W>>> out = new ArrayList<>();
              List<Optional<V>> left = new ArrayList<>();
              g.key().forEach(v -> left.add(Optional.ofNullable(v)));
              List<Optional<W>> right = new ArrayList<>();
              g.value().forEach(w -> right.add(Optional.ofNullable(w)));
              if (left.isEmpty()) {
                left.add(Optional.empty());
              }
              if (right.isEmpty()) {
                right.add(Optional.empty());
              }
              for (Optional<V> v : left) {
                for (Optional<W> w : right) {
                  out.add(Pair.of(v, w));
                }
              }
              return out;
            });
  }

  // ---------------------------------------------------------------- actions

  public List<Pair<K, V>> collect() {
    return dataset.collect();
  }

  public long count() {
    return dataset.count();
  }

  /** The pairs as a map on the driver; for a repeated key, one of its values wins. */
  public Map<K, V> collectAsMap() {
    Map<K, V> map = new HashMap<>();
    for (Pair<K, V> p : dataset.collect()) {
      map.put(p.key(), p.value());
    }
    return map;
  }

  /** How many pairs each key has (an action). */
  public Map<K, Long> countByKey() {
    return mapValues(v -> 1L).reduceByKey(Long::sum).collectAsMap();
  }

  /** Writes each pair as {@code key<TAB>value} lines, like Hadoop's TextOutputFormat. */
  public void saveAsTextFile(String path) {
    dataset.map(p -> p.key() + "\t" + p.value()).saveAsTextFile(path);
  }

  // ---------------------------------------------------------------- partitioner choice

  /**
   * Spark's default partitioner: the largest existing partitioner among the inputs, else hash
   * partitioning into {@code ember.default.parallelism} partitions if set, else as many partitions
   * as the largest input.
   */
  private Partitioner defaultPartitioner(List<PairDataset<K, ?>> others) {
    List<Dataset<?>> all = new ArrayList<>();
    all.add(dataset);
    others.forEach(o -> all.add(o.dataset));
    Partitioner best = null;
    int maxPartitions = 1;
    for (Dataset<?> d : all) {
      maxPartitions = Math.max(maxPartitions, d.numPartitions());
      Optional<Partitioner> p = d.partitioner();
      if (p.isPresent() && (best == null || p.get().numPartitions() > best.numPartitions())) {
        best = p.get();
      }
    }
    if (best != null && best.numPartitions() >= maxPartitions) {
      return best;
    }
    return new HashPartitioner(dataset.session().configuredParallelism().orElse(maxPartitions));
  }
}
