package dev.ember;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import dev.ember.function.SerializableComparator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Partitions keys into ordered ranges of roughly equal size, for {@code sortByKey} (Spark's {@code
 * RangePartitioner}). The range bounds are chosen when the partitioner is built, by a job that
 * reservoir-samples about 20 keys per output partition (times 3, spread over the input partitions)
 * and picks weighted quantiles: each sampled key stands for {@code partition size / sample size}
 * keys, so skewed input partitions are weighted correctly. May produce fewer partitions than asked
 * when there are few distinct keys.
 *
 * @param <K> key type
 */
public final class RangePartitioner<K> extends Partitioner {
  private static final long serialVersionUID = 1L;
  private static final int SAMPLES_PER_PARTITION = 20;

  private final List<K> bounds; // upper bounds (inclusive) of partitions 0..n-2, ascending
  private final SerializableComparator<K> comparator;
  private final boolean ascending;

  /**
   * Samples {@code keys} (runs a job) and computes the bounds.
   *
   * @param partitions the number of partitions wanted, at least 1
   */
  public RangePartitioner(
      int partitions, Dataset<K> keys, SerializableComparator<K> comparator, boolean ascending) {
    checkArgument(partitions >= 1, "number of partitions must be at least 1, was %s", partitions);
    this.comparator = requireNonNull(comparator, "comparator is null");
    this.ascending = ascending;
    this.bounds = partitions == 1 ? List.of() : computeBounds(partitions, keys, comparator);
  }

  private static <K> List<K> computeBounds(
      int partitions, Dataset<K> keys, SerializableComparator<K> comparator) {
    int inputPartitions = Math.max(1, keys.numPartitions());
    int sampleSize = Math.min(SAMPLES_PER_PARTITION * partitions, 1_000_000);
    int perPartition = (int) Math.ceil(3.0 * sampleSize / inputPartitions);
    List<Sample<K>> samples =
        keys.session()
            .runJob(
                keys,
                (ctx, it) -> reservoir(it, perPartition, ctx.partitionId()),
                java.util.stream.IntStream.range(0, keys.numPartitions()).boxed().toList());
    List<Weighted<K>> weighted = new ArrayList<>();
    for (Sample<K> s : samples) {
      if (!s.keys().isEmpty()) {
        double weight = (double) s.count() / s.keys().size();
        s.keys().forEach(k -> weighted.add(new Weighted<>(k, weight)));
      }
    }
    if (weighted.isEmpty()) {
      return List.of();
    }
    weighted.sort((a, b) -> comparator.compare(a.key(), b.key()));
    double total = weighted.stream().mapToDouble(Weighted::weight).sum();
    double step = total / partitions;
    List<K> out = new ArrayList<>();
    double cumulative = 0;
    double target = step;
    K previous = null;
    for (Weighted<K> w : weighted) {
      cumulative += w.weight();
      if (cumulative >= target && out.size() < partitions - 1) {
        // Skip duplicates so that each bound closes a non-empty key range.
        if (previous == null || comparator.compare(w.key(), previous) > 0) {
          out.add(w.key());
          previous = w.key();
          target += step;
        }
      }
    }
    return Collections.unmodifiableList(out);
  }

  private static <K> Sample<K> reservoir(java.util.Iterator<K> it, int size, int partition) {
    SplittableRandom random = new SplittableRandom(0x5EED ^ partition);
    List<K> reservoir = new ArrayList<>(size);
    long seen = 0;
    while (it.hasNext()) {
      K key = it.next();
      seen++;
      if (reservoir.size() < size) {
        reservoir.add(key);
      } else {
        long j = random.nextLong(seen);
        if (j < size) {
          reservoir.set((int) j, key);
        }
      }
    }
    return new Sample<>(seen, reservoir);
  }

  record Sample<K>(long count, List<K> keys) {}

  record Weighted<K>(K key, double weight) {}

  @Override
  public int numPartitions() {
    return bounds.size() + 1;
  }

  @Override
  @SuppressWarnings("unchecked")
  public int partition(Object key) {
    K k = (K) key;
    int lo = 0;
    int hi = bounds.size();
    // First bound >= key.
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (comparator.compare(bounds.get(mid), k) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return ascending ? lo : bounds.size() - lo;
  }

  /** The chosen upper bounds, ascending (for tests and diagnostics). */
  public List<K> bounds() {
    return bounds;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RangePartitioner<?> other
        && other.ascending == ascending
        && other.bounds.equals(bounds);
  }

  @Override
  public int hashCode() {
    return bounds.hashCode() * 31 + (ascending ? 1 : 0);
  }
}
