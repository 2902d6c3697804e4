package dev.ember;

import static dev.ember.OpsData.assertSameMultiset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Narrow and wide {@link Dataset} transformations against the same computation on a list. */
class DatasetOperationsTest {
  private static EmberSession ember;

  @BeforeAll
  static void start() {
    ember = OpsData.newSession("DatasetOperationsTest");
  }

  @AfterAll
  static void stop() {
    ember.close();
  }

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> grid() {
    return OpsData.grid();
  }

  private static List<Integer> input(int size, int partitions) {
    return OpsData.ints(size, 31L * size + partitions);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void parallelizeMapFilterFlatMapKeepOrder(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    Dataset<Integer> ds = ember.parallelize(data, partitions);

    assertThat(ds.numPartitions()).isEqualTo(partitions);
    assertThat(ds.collect()).containsExactlyElementsOf(data);
    assertThat(ds.map(x -> x * 3 + 1).collect())
        .containsExactlyElementsOf(data.stream().map(x -> x * 3 + 1).toList());
    assertThat(ds.filter(x -> x % 3 == 0).collect())
        .containsExactlyElementsOf(data.stream().filter(x -> x % 3 == 0).toList());
    assertThat(
            ds.flatMap(x -> java.util.Collections.nCopies(Math.floorMod(x, 3), x).iterator())
                .collect())
        .containsExactlyElementsOf(
            data.stream()
                .flatMap(x -> java.util.Collections.nCopies(Math.floorMod(x, 3), x).stream())
                .toList());
    assertThat(ds.map(x -> x % 2 == 0 ? null : x).filter(x -> x == null || x > 0).collect())
        .as("null elements pass through map and filter")
        .containsExactlyElementsOf(
            data.stream().map(x -> x % 2 == 0 ? null : x).filter(x -> x == null || x > 0).toList());
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void mapPartitionsSeesContiguousSlices(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    Dataset<Integer> ds = ember.parallelize(data, partitions);

    assertThat(ds.mapPartitions(DatasetOperationsTest::doubled).collect())
        .containsExactlyElementsOf(data.stream().map(x -> 2 * x).toList());

    List<Pair<Integer, Integer>> tagged =
        ds.mapPartitionsWithIndex(
                (i, it) -> com.google.common.collect.Iterators.transform(it, x -> Pair.of(i, x)),
                false)
            .collect();
    List<Pair<Integer, Integer>> expected = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      // Spark's slicing of a parallelized list: slice i is [i*n/p, (i+1)*n/p).
      for (int j = i * size / partitions; j < (i + 1) * size / partitions; j++) {
        expected.add(Pair.of(i, data.get(j)));
      }
    }
    assertThat(tagged).containsExactlyElementsOf(expected);

    List<Integer> sizes =
        ds.mapPartitions(it -> List.of(com.google.common.collect.Iterators.size(it)).iterator())
            .collect();
    assertThat(sizes).hasSize(partitions);
    assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(size);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void unionConcatenatesInPartitionOrder(int size, int partitions) {
    List<Integer> left = input(size, partitions);
    List<Integer> right = OpsData.ints(size / 2 + 1, size + 7L);
    Dataset<Integer> union = ember.parallelize(left, partitions).union(ember.parallelize(right, 2));

    List<Integer> expected = new ArrayList<>(left);
    expected.addAll(right);
    assertThat(union.numPartitions()).isEqualTo(partitions + 2);
    assertThat(union.collect()).containsExactlyElementsOf(expected);
    assertThat(union.count()).isEqualTo(expected.size());
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void distinctMatchesStreamDistinct(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    Dataset<Integer> ds = ember.parallelize(data, partitions);
    List<Integer> expected = data.stream().distinct().toList();

    assertSameMultiset(ds.distinct().collect(), expected);
    Dataset<Integer> distinct5 = ds.distinct(5);
    assertThat(distinct5.numPartitions()).isEqualTo(5);
    assertSameMultiset(distinct5.collect(), expected);

    List<Integer> withNulls = new ArrayList<>(data);
    withNulls.add(null);
    withNulls.add(null);
    List<Integer> expectedWithNull = withNulls.stream().distinct().toList();
    assertSameMultiset(
        ember.parallelize(withNulls, partitions).distinct(3).collect(), expectedWithNull);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void sampleIsASeededSubMultiset(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    Dataset<Integer> ds = ember.parallelize(data, partitions);

    List<Integer> once = ds.sample(false, 0.3, 42L).collect();
    assertThat(ds.sample(false, 0.3, 42L).collect())
        .as("same seed, same sample")
        .containsExactlyElementsOf(once);
    assertThat(ember.parallelize(data, partitions).sample(false, 0.3, 42L).collect())
        .as("same seed on a new dataset of the same data, same sample")
        .containsExactlyElementsOf(once);
    java.util.Map<Integer, Long> available = OpsData.counts(data);
    OpsData.counts(once)
        .forEach((x, n) -> assertThat(n).isLessThanOrEqualTo(available.getOrDefault(x, 0L)));
    // Without replacement, sampling keeps the relative order of the input.
    assertThat(isSubsequence(once, data)).as("%s is a subsequence of the input", once).isTrue();

    List<Integer> withReplacement = ds.sample(true, 1.5, 7L).collect();
    assertThat(ds.sample(true, 1.5, 7L).collect()).containsExactlyElementsOf(withReplacement);
    assertThat(available.keySet()).containsAll(withReplacement);

    assertThat(ds.sample(false, 0.0, 1L).collect()).isEmpty();
    assertThat(ds.sample(false, 1.0, 1L).collect()).containsExactlyElementsOf(data);
  }

  @Test
  void sampleFractionIsRoughlyRightOnTenThousandElements() {
    List<Integer> data = IntStream.range(0, 10_000).boxed().toList();
    Dataset<Integer> ds = ember.parallelize(data, 4);
    // Expected 3000 with a standard deviation of about 46: the bounds are 13 deviations wide.
    assertThat(ds.sample(false, 0.3, 11L).count()).isBetween(2_400L, 3_600L);
    // Poisson(0.5) per element: expected 5000, standard deviation about 71.
    assertThat(ds.sample(true, 0.5, 11L).count()).isBetween(4_000L, 6_000L);
    assertThat(ds.sample(true, 2.0, 11L).count()).isBetween(18_000L, 22_000L);
    assertThat(ds.sample(false, 0.3, 11L).collect())
        .as("different seeds give different samples")
        .isNotEqualTo(ds.sample(false, 0.3, 12L).collect());
  }

  @Test
  void sampleRejectsBadFractions() {
    Dataset<Integer> ds = ember.parallelize(List.of(1, 2, 3), 1);
    assertThatThrownBy(() -> ds.sample(false, 1.5, 1L))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ds.sample(true, -0.1, 1L))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void coalesceMergesContiguousPartitions(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    Dataset<Integer> ds = ember.parallelize(data, partitions);

    for (int target : new int[] {1, 2, partitions, partitions + 4}) {
      Dataset<Integer> coalesced = ds.coalesce(target);
      assertThat(coalesced.numPartitions())
          .as("coalesce(%s) of %s partitions", target, partitions)
          .isEqualTo(Math.min(target, partitions));
      assertThat(coalesced.collect()).containsExactlyElementsOf(data);
    }
    assertThatThrownBy(() -> ds.coalesce(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void repartitionSpreadsElementsEvenly(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    Dataset<Integer> ds = ember.parallelize(data, partitions);

    for (int target : new int[] {1, 4, 11}) {
      Dataset<Integer> repartitioned = ds.repartition(target);
      assertThat(repartitioned.numPartitions()).isEqualTo(target);
      assertSameMultiset(repartitioned.collect(), data);
      List<Integer> sizes = partitionSizes(repartitioned);
      assertThat(sizes).hasSize(target);
      if (size >= 1000) {
        double mean = (double) size / target;
        assertThat(sizes)
            .as("partition sizes of repartition(%s)", target)
            .allSatisfy(n -> assertThat((double) n).isBetween(0.8 * mean, 1.2 * mean));
      }
    }
    assertThatThrownBy(() -> ds.repartition(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void zipWithIndexNumbersElementsInOrder(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    List<Pair<Integer, Long>> expected = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      expected.add(Pair.of(data.get(i), (long) i));
    }
    // A filter first makes partition sizes uneven (and some partitions empty).
    List<Integer> filtered = data.stream().filter(x -> x % 4 != 0).toList();
    List<Pair<Integer, Long>> expectedFiltered = new ArrayList<>();
    for (int i = 0; i < filtered.size(); i++) {
      expectedFiltered.add(Pair.of(filtered.get(i), (long) i));
    }

    Dataset<Integer> ds = ember.parallelize(data, partitions);
    assertThat(ds.zipWithIndex().collect()).containsExactlyElementsOf(expected);
    assertThat(ds.filter(x -> x % 4 != 0).zipWithIndex().collect())
        .containsExactlyElementsOf(expectedFiltered);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void keyByAndMapToPairKeepOrder(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    Dataset<Integer> ds = ember.parallelize(data, partitions);

    assertThat(ds.keyBy(x -> Math.floorMod(x, 7)).collect())
        .containsExactlyElementsOf(
            data.stream().map(x -> Pair.of(Math.floorMod(x, 7), x)).toList());
    assertThat(ds.mapToPair(x -> Pair.of("k" + x, x * 2L)).collect())
        .containsExactlyElementsOf(data.stream().map(x -> Pair.of("k" + x, x * 2L)).toList());
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void sortByMatchesStreamSorted(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    Dataset<Integer> ds = ember.parallelize(data, partitions);

    for (int target : new int[] {1, 4, partitions}) {
      assertThat(ds.sortBy(x -> x, true, target).collect())
          .containsExactlyElementsOf(data.stream().sorted().toList());
      assertThat(ds.sortBy(x -> x, false, target).collect())
          .containsExactlyElementsOf(data.stream().sorted(Comparator.reverseOrder()).toList());
      // A key with many ties: the keys must be in order, the elements the same multiset.
      List<Integer> byLastDigit = ds.sortBy(x -> Math.floorMod(x, 10), true, target).collect();
      assertThat(byLastDigit.stream().map(x -> Math.floorMod(x, 10)).toList())
          .containsExactlyElementsOf(
              data.stream().map(x -> Math.floorMod(x, 10)).sorted().toList());
      assertSameMultiset(byLastDigit, data);
    }
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void cachedDatasetIsComputedOnce(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    for (StorageLevel level :
        new StorageLevel[] {
          StorageLevel.MEMORY_ONLY, StorageLevel.MEMORY_AND_DISK, StorageLevel.DISK_ONLY
        }) {
      LongAccumulator computed = ember.longAccumulator("computed-" + level);
      Dataset<Integer> ds =
          ember
              .parallelize(data, partitions)
              .map(
                  x -> {
                    computed.add(1L);
                    return x + 1;
                  })
              .persist(level);
      List<Integer> expected = data.stream().map(x -> x + 1).toList();

      assertThat(ds.collect()).containsExactlyElementsOf(expected);
      assertThat(ds.count()).isEqualTo(size);
      assertThat(ds.collect()).containsExactlyElementsOf(expected);
      assertThat(computed.value()).as("computations at %s", level).isEqualTo((long) size);

      assertThat(ds.unpersist()).isSameAs(ds);
      assertThat(ds.storageLevel()).isEqualTo(StorageLevel.NONE);
      assertThat(ds.collect()).containsExactlyElementsOf(expected);
      assertThat(computed.value()).as("recomputed after unpersist").isEqualTo(2L * size);
    }
  }

  @Test
  void persistingAtAnotherLevelIsRefused() {
    Dataset<Integer> ds = ember.parallelize(List.of(1, 2, 3), 2).cache();
    assertThat(ds.storageLevel()).isEqualTo(StorageLevel.MEMORY_ONLY);
    assertThat(ds.persist(StorageLevel.MEMORY_ONLY)).isSameAs(ds);
    assertThatThrownBy(() -> ds.persist(StorageLevel.DISK_ONLY))
        .isInstanceOf(IllegalStateException.class);
  }

  // ---------------------------------------------------------------- helpers

  private static Iterator<Integer> doubled(Iterator<Integer> it) {
    List<Integer> out = new ArrayList<>();
    it.forEachRemaining(x -> out.add(2 * x));
    return out.iterator();
  }

  private static <T> boolean isSubsequence(List<T> sub, List<T> of) {
    int i = 0;
    for (T x : of) {
      if (i < sub.size() && java.util.Objects.equals(sub.get(i), x)) {
        i++;
      }
    }
    return i == sub.size();
  }

  private static <T> List<Integer> partitionSizes(Dataset<T> ds) {
    List<Pair<Integer, Integer>> sizes =
        ds.mapPartitionsWithIndex(
                (i, it) ->
                    List.of(Pair.of(i, com.google.common.collect.Iterators.size(it))).iterator(),
                false)
            .collect();
    return sizes.stream()
        .sorted(Comparator.comparing(Pair::key))
        .map(Pair::value)
        .collect(Collectors.toList());
  }
}
