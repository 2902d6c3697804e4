package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.function.SerializableComparator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link HashPartitioner} and {@link RangePartitioner}, alone and under {@code sortByKey}. */
class PartitionerTest {
  private static EmberSession ember;

  @BeforeAll
  static void start() {
    ember = OpsData.newSession("PartitionerTest");
  }

  @AfterAll
  static void stop() {
    ember.close();
  }

  static Stream<Arguments> grid() {
    return OpsData.grid();
  }

  @Test
  void hashPartitionerIsModuloOfHashCode() {
    HashPartitioner p = new HashPartitioner(7);
    assertThat(p.numPartitions()).isEqualTo(7);
    assertThat(p.partition(null)).isZero();
    for (Object key : List.of(0, 1, -1, 13, Integer.MIN_VALUE, "a", "hot", -7L, Pair.of("x", 1))) {
      assertThat(p.partition(key))
          .as("partition of %s", key)
          .isEqualTo(Math.floorMod(key.hashCode(), 7))
          .isBetween(0, 6);
    }
    assertThat(p).isEqualTo(new HashPartitioner(7)).hasSameHashCodeAs(new HashPartitioner(7));
    assertThat(p).isNotEqualTo(new HashPartitioner(8));
    assertThatThrownBy(() -> new HashPartitioner(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void rangeBoundsAreOrderedAndPartitionIsMonotone(int size, int partitions) {
    List<Integer> keys = OpsData.ints(size, 71L * size + partitions);
    Dataset<Integer> ds = ember.parallelize(keys, partitions);
    SerializableComparator<Integer> natural = SerializableComparator.natural();

    for (int wanted : new int[] {1, 4, 8}) {
      RangePartitioner<Integer> ascending = new RangePartitioner<>(wanted, ds, natural, true);
      List<Integer> bounds = ascending.bounds();
      assertThat(bounds).isSortedAccordingTo(natural).doesNotHaveDuplicates();
      assertThat(ascending.numPartitions()).isEqualTo(bounds.size() + 1).isBetween(1, wanted);
      if (size >= 100) {
        assertThat(ascending.numPartitions()).as("distinct keys are plenty").isEqualTo(wanted);
      }
      assertMonotone(ascending, keys, natural, true);

      RangePartitioner<Integer> descending = new RangePartitioner<>(wanted, ds, natural, false);
      assertMonotone(descending, keys, natural, false);
      assertThat(new RangePartitioner<>(wanted, ds, natural, true))
          .as("the same input gives an equal partitioner")
          .isEqualTo(ascending)
          .hasSameHashCodeAs(ascending);
    }
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void sortByKeyPartitionsAreKeyRangeOrdered(int size, int partitions) {
    List<Pair<String, Integer>> data = OpsData.skewedPairs(size, 67L * size + partitions);
    PairDataset<String, Integer> pairs = ember.parallelizePairs(data, partitions);

    for (boolean ascending : new boolean[] {true, false}) {
      PairDataset<String, Integer> sorted = pairs.sortByKey(ascending, 6);
      Comparator<String> order =
          ascending ? Comparator.<String>naturalOrder() : Comparator.<String>reverseOrder();
      List<List<String>> byPartition = keysByPartition(sorted);
      assertThat(byPartition).hasSize(sorted.numPartitions());
      List<String> previous = List.of();
      for (List<String> part : byPartition) {
        assertThat(part).isSortedAccordingTo(order);
        if (!previous.isEmpty() && !part.isEmpty()) {
          assertThat(order.compare(previous.get(previous.size() - 1), part.get(0)))
              .as("last key of a partition <= first key of the next")
              .isLessThanOrEqualTo(0);
        }
        if (!part.isEmpty()) {
          previous = part;
        }
      }
      // A key never straddles two partitions.
      List<String> lastKeys = new ArrayList<>();
      for (List<String> part : byPartition) {
        if (!part.isEmpty()) {
          assertThat(lastKeys).doesNotContain(part.get(0));
          lastKeys.add(part.get(part.size() - 1));
        }
      }
    }
  }

  @Test
  void rangePartitionsAreBalancedOnUniformKeys() {
    List<Integer> keys = IntStream.range(0, 20_000).map(i -> (i * 7919) % 20_000).boxed().toList();
    PairDataset<Integer, Integer> pairs =
        ember.parallelize(keys, 5).mapToPair(k -> Pair.of(k, k)).sortByKey(true, 8);
    assertThat(pairs.numPartitions()).isEqualTo(8);
    List<List<Integer>> parts = keysByPartition(pairs);
    // 2,500 per partition when perfectly balanced; sampling error is far below the bounds.
    assertThat(parts).allSatisfy(p -> assertThat(p.size()).isBetween(1_000, 4_500));
    assertThat(parts.stream().mapToInt(List::size).sum()).isEqualTo(20_000);
  }

  @Test
  void rangePartitionerOfFewDistinctKeysHasFewerPartitions() {
    Dataset<Integer> twoKeys =
        ember.parallelize(IntStream.range(0, 1000).map(i -> i % 2).boxed().toList(), 4);
    RangePartitioner<Integer> p =
        new RangePartitioner<>(8, twoKeys, SerializableComparator.natural(), true);
    // As in Spark, the largest key can become a bound, leaving a last, empty range.
    assertThat(p.numPartitions()).isBetween(1, 3);
    assertThat(p.partition(0)).isLessThanOrEqualTo(p.partition(1));

    RangePartitioner<Integer> empty =
        new RangePartitioner<>(
            8, ember.parallelize(List.<Integer>of(), 3), SerializableComparator.natural(), true);
    assertThat(empty.numPartitions()).isEqualTo(1);
    assertThat(empty.partition(42)).isZero();
  }

  // ---------------------------------------------------------------- helpers

  private static <K> void assertMonotone(
      RangePartitioner<K> p, List<K> keys, Comparator<K> order, boolean ascending) {
    List<K> sorted = keys.stream().sorted(order).toList();
    int last = ascending ? 0 : p.numPartitions() - 1;
    for (K k : sorted) {
      int part = p.partition(k);
      assertThat(part).isBetween(0, p.numPartitions() - 1);
      if (ascending) {
        assertThat(part).as("partition of %s", k).isGreaterThanOrEqualTo(last);
      } else {
        assertThat(part).as("partition of %s", k).isLessThanOrEqualTo(last);
      }
      last = part;
    }
  }

  private static <K, V> List<List<K>> keysByPartition(PairDataset<K, V> ds) {
    List<Pair<Integer, List<K>>> parts =
        ds.dataset()
            .mapPartitionsWithIndex(
                (i, it) -> {
                  List<K> keys = new ArrayList<>();
                  it.forEachRemaining(p -> keys.add(p.key()));
                  return List.of(Pair.of(i, keys)).iterator();
                },
                false)
            .collect();
    List<List<K>> out = new ArrayList<>();
    parts.stream().sorted(Comparator.comparing(Pair::key)).forEach(p -> out.add(p.value()));
    return out;
  }
}
