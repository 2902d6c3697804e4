package dev.ember;

import static dev.ember.OpsData.assertSameMultiset;
import static dev.ember.OpsData.group;
import static dev.ember.OpsData.sortedValues;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.function.SerializableComparator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PairDataset} operations against the same computation on a list of pairs, with half of the
 * records on one key and some null values.
 */
class PairOperationsTest {
  /** Orders "k12" keys by their number, other keys after them by their text. */
  private static final SerializableComparator<String> BY_NUMBER =
      (a, b) -> {
        int byKind = Boolean.compare(!a.startsWith("k"), !b.startsWith("k"));
        if (byKind != 0) {
          return byKind;
        }
        return a.startsWith("k")
            ? Integer.compare(Integer.parseInt(a.substring(1)), Integer.parseInt(b.substring(1)))
            : a.compareTo(b);
      };

  private static EmberSession ember;

  @BeforeAll
  static void start() {
    ember = OpsData.newSession("PairOperationsTest");
  }

  @AfterAll
  static void stop() {
    ember.close();
  }

  static Stream<Arguments> grid() {
    return OpsData.grid();
  }

  private static List<Pair<String, Integer>> input(int size, int partitions) {
    return OpsData.skewedPairs(size, 97L * size + partitions);
  }

  private static List<Pair<String, String>> other(int size, int partitions) {
    return OpsData.otherSide(size, 89L * size + partitions + 1);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void narrowOperationsKeepOrder(int size, int partitions) {
    List<Pair<String, Integer>> data = input(size, partitions);
    PairDataset<String, Integer> pairs = ember.parallelizePairs(data, partitions);

    assertThat(pairs.numPartitions()).isEqualTo(partitions);
    assertThat(pairs.partitioner()).isEmpty();
    assertThat(pairs.count()).isEqualTo(size);
    assertThat(pairs.collect()).containsExactlyElementsOf(data);
    assertThat(pairs.keys().collect())
        .containsExactlyElementsOf(data.stream().map(Pair::key).toList());
    assertThat(pairs.values().collect())
        .containsExactlyElementsOf(data.stream().map(Pair::value).toList());
    assertThat(pairs.mapValues(v -> v == null ? "null" : "v" + v).collect())
        .containsExactlyElementsOf(
            data.stream()
                .map(p -> Pair.of(p.key(), p.value() == null ? "null" : "v" + p.value()))
                .toList());
    assertThat(pairs.flatMapValues(PairOperationsTest::upTo).collect())
        .containsExactlyElementsOf(
            data.stream()
                .flatMap(p -> upTo(p.value()).stream().map(w -> Pair.of(p.key(), w)))
                .toList());
    assertThat(pairs.filter(p -> p.value() != null && p.value() % 2 == 0).collect())
        .containsExactlyElementsOf(
            data.stream().filter(p -> p.value() != null && p.value() % 2 == 0).toList());
    List<Pair<String, Integer>> both = new ArrayList<>(data);
    both.addAll(data);
    assertThat(pairs.union(pairs).collect()).containsExactlyElementsOf(both);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void reduceByKeyMatchesGroupedReduction(int size, int partitions) {
    List<Pair<String, Integer>> data = input(size, partitions);
    PairDataset<String, Integer> pairs = ember.parallelizePairs(data, partitions);
    Map<String, Integer> expected = new HashMap<>();
    group(data).forEach((k, vs) -> expected.put(k, reduceLeft(vs)));

    PairDataset<String, Integer> byDefault = pairs.reduceByKey(OpsData::plus);
    assertThat(byDefault.numPartitions()).isEqualTo(partitions);
    assertThat(OpsData.uniqueMap(byDefault.collect())).isEqualTo(expected);

    PairDataset<String, Integer> intoFive = pairs.reduceByKey(OpsData::plus, 5);
    assertThat(intoFive.numPartitions()).isEqualTo(5);
    assertThat(intoFive.partitioner()).contains(new HashPartitioner(5));
    assertThat(OpsData.uniqueMap(intoFive.collect())).isEqualTo(expected);

    HashPartitioner two = new HashPartitioner(2);
    PairDataset<String, Integer> intoTwo = pairs.reduceByKey(OpsData::plus, two);
    assertThat(intoTwo.partitioner()).contains(two);
    assertThat(OpsData.uniqueMap(intoTwo.collect())).isEqualTo(expected);
    assertKeysWherePartitionerSays(intoTwo, two);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void combineByKeyOverloadsMatchGroupedCounts(int size, int partitions) {
    List<Pair<String, Integer>> data = input(size, partitions);
    PairDataset<String, Integer> pairs = ember.parallelizePairs(data, partitions);
    // (count, sum) per key; null counts as 0.
    Map<String, Pair<Long, Long>> expected = new HashMap<>();
    group(data)
        .forEach(
            (k, vs) ->
                expected.put(
                    k,
                    Pair.of(
                        (long) vs.size(), vs.stream().mapToLong(v -> v == null ? 0 : v).sum())));

    assertThat(OpsData.uniqueMap(countAndSum(pairs, null, true).collect())).isEqualTo(expected);
    PairDataset<String, Pair<Long, Long>> four =
        pairs.combineByKey(
            PairOperationsTest::createCountSum,
            PairOperationsTest::addCountSum,
            PairOperationsTest::mergeCountSum,
            4);
    assertThat(four.numPartitions()).isEqualTo(4);
    assertThat(OpsData.uniqueMap(four.collect())).isEqualTo(expected);
    for (boolean mapSideCombine : new boolean[] {true, false}) {
      HashPartitioner three = new HashPartitioner(3);
      PairDataset<String, Pair<Long, Long>> combined = countAndSum(pairs, three, mapSideCombine);
      assertThat(combined.partitioner()).contains(three);
      assertThat(OpsData.uniqueMap(combined.collect()))
          .as("mapSideCombine=%s", mapSideCombine)
          .isEqualTo(expected);
    }
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void foldByKeyAndAggregateByKeyMatchGroupedFolds(int size, int partitions) {
    List<Pair<String, Integer>> data = input(size, partitions);
    PairDataset<String, Integer> pairs = ember.parallelizePairs(data, partitions);
    Map<String, List<Integer>> groups = group(data);
    Map<String, Integer> sums = new HashMap<>();
    groups.forEach((k, vs) -> sums.put(k, vs.stream().reduce(0, OpsData::plus)));

    assertThat(OpsData.uniqueMap(pairs.foldByKey(0, OpsData::plus).collect())).isEqualTo(sums);

    // A mutable zero: every key (and partition) must start from its own empty list.
    PairDataset<String, ArrayList<Integer>> lists =
        pairs.aggregateByKey(
            new ArrayList<Integer>(), PairOperationsTest::append, PairOperationsTest::appendAll);
    assertThat(sortedValues(OpsData.uniqueMap(lists.collect()))).isEqualTo(sortedValues(groups));

    HashPartitioner six = new HashPartitioner(6);
    PairDataset<String, Long> counts = pairs.aggregateByKey(0L, (n, v) -> n + 1, Long::sum, six);
    assertThat(counts.partitioner()).contains(six);
    Map<String, Long> expectedCounts = new HashMap<>();
    groups.forEach((k, vs) -> expectedCounts.put(k, (long) vs.size()));
    assertThat(OpsData.uniqueMap(counts.collect())).isEqualTo(expectedCounts);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void groupByKeyMatchesGroupingBy(int size, int partitions) {
    List<Pair<String, Integer>> data = input(size, partitions);
    PairDataset<String, Integer> pairs = ember.parallelizePairs(data, partitions);
    Map<String, List<Integer>> expected = sortedValues(group(data));

    assertThat(sortedValues(OpsData.uniqueMap(pairs.groupByKey().collect()))).isEqualTo(expected);
    PairDataset<String, List<Integer>> seven = pairs.groupByKey(7);
    assertThat(seven.numPartitions()).isEqualTo(7);
    assertThat(sortedValues(OpsData.uniqueMap(seven.collect()))).isEqualTo(expected);
    HashPartitioner two = new HashPartitioner(2);
    PairDataset<String, List<Integer>> grouped = pairs.groupByKey(two);
    assertThat(grouped.partitioner()).contains(two);
    assertThat(sortedValues(OpsData.uniqueMap(grouped.collect()))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void nullKeysAreGroupedLikeAnyOtherKey(int size, int partitions) {
    List<Pair<String, Integer>> data = new ArrayList<>();
    for (Pair<String, Integer> p : input(size, partitions)) {
      data.add(OpsData.HOT.equals(p.key()) ? Pair.of(null, p.value()) : p);
    }
    PairDataset<String, Integer> pairs = ember.parallelizePairs(data, partitions);
    Map<String, List<Integer>> groups = group(data);
    Map<String, Integer> sums = new HashMap<>();
    groups.forEach((k, vs) -> sums.put(k, vs.stream().reduce(0, OpsData::plus)));

    assertThat(sortedValues(OpsData.uniqueMap(pairs.groupByKey(3).collect())))
        .isEqualTo(sortedValues(groups));
    assertThat(OpsData.uniqueMap(pairs.foldByKey(0, OpsData::plus).collect())).isEqualTo(sums);
    assertThat(pairs.countByKey()).isEqualTo(OpsData.counts(data.stream().map(Pair::key).toList()));
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void partitionByPlacesKeysAndIsIdempotent(int size, int partitions) {
    List<Pair<String, Integer>> data = input(size, partitions);
    HashPartitioner four = new HashPartitioner(4);
    PairDataset<String, Integer> partitioned =
        ember.parallelizePairs(data, partitions).partitionBy(four);

    assertThat(partitioned.partitioner()).contains(four);
    assertThat(partitioned.numPartitions()).isEqualTo(4);
    assertSameMultiset(partitioned.collect(), data);
    assertKeysWherePartitionerSays(partitioned, four);

    PairDataset<String, Integer> again = partitioned.partitionBy(new HashPartitioner(4));
    assertThat(again.dataset())
        .as("partitionBy with an equal partitioner keeps the dataset")
        .isSameAs(partitioned.dataset());
    PairDataset<String, Integer> mapped = partitioned.mapValues(v -> v);
    assertThat(mapped.partitioner()).contains(four);
    assertThat(mapped.partitionBy(four).dataset()).isSameAs(mapped.dataset());
    assertThat(partitioned.dataset().map(p -> p).partitioner())
        .as("map may change keys, so it forgets the partitioner")
        .isEmpty();

    // Aggregations of input already partitioned by an equal partitioner combine in place.
    Map<String, List<Integer>> groups = group(data);
    Map<String, Integer> sums = new HashMap<>();
    groups.forEach((k, vs) -> sums.put(k, vs.stream().reduce(0, OpsData::plus)));
    PairDataset<String, Integer> folded = partitioned.foldByKey(0, OpsData::plus);
    assertThat(folded.partitioner()).contains(four);
    assertThat(OpsData.uniqueMap(folded.collect())).isEqualTo(sums);
    assertThat(sortedValues(OpsData.uniqueMap(partitioned.groupByKey(four).collect())))
        .isEqualTo(sortedValues(groups));
    List<Pair<String, String>> right = other(size, partitions);
    Map<String, List<String>> rightGroups = group(right);
    // One side partitioned (read in place), the other shuffled.
    Map<String, Pair<List<Integer>, List<String>>> cogrouped = new HashMap<>();
    OpsData.uniqueMap(partitioned.cogroup(ember.parallelizePairs(right, 2)).collect())
        .forEach(
            (k, g) ->
                cogrouped.put(k, Pair.of(OpsData.sorted(g.key()), OpsData.sorted(g.value()))));
    Set<String> keys = new HashSet<>(groups.keySet());
    keys.addAll(rightGroups.keySet());
    assertThat(cogrouped.keySet()).isEqualTo(keys);
    cogrouped.forEach(
        (k, g) -> {
          assertThat(g.key()).isEqualTo(OpsData.sorted(groups.getOrDefault(k, List.of())));
          assertThat(g.value()).isEqualTo(OpsData.sorted(rightGroups.getOrDefault(k, List.of())));
        });

    PairDataset<String, Integer> repartitioned = partitioned.partitionBy(new HashPartitioner(3));
    assertThat(repartitioned.numPartitions()).isEqualTo(3);
    assertSameMultiset(repartitioned.collect(), data);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void sortByKeyOrdersKeys(int size, int partitions) {
    List<Pair<String, Integer>> data = input(size, partitions);
    PairDataset<String, Integer> pairs = ember.parallelizePairs(data, partitions);
    List<String> ascending = data.stream().map(Pair::key).sorted().toList();
    List<String> descending =
        data.stream().map(Pair::key).sorted(Comparator.reverseOrder()).toList();

    assertSorted(pairs.sortByKey(), data, ascending);
    assertThat(pairs.sortByKey().numPartitions()).isLessThanOrEqualTo(partitions);
    assertSorted(pairs.sortByKey(false), data, descending);
    for (int target : new int[] {1, 3, 8}) {
      PairDataset<String, Integer> sorted = pairs.sortByKey(true, target);
      assertThat(sorted.numPartitions()).isBetween(1, target);
      assertSorted(sorted, data, ascending);
      assertSorted(pairs.sortByKey(false, target), data, descending);
      assertSorted(
          pairs.sortByKey(BY_NUMBER, true, target),
          data,
          data.stream().map(Pair::key).sorted(BY_NUMBER).toList());
      assertSorted(
          pairs.sortByKey(BY_NUMBER, false, target),
          data,
          data.stream().map(Pair::key).sorted(BY_NUMBER.reversed()).toList());
    }
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void cogroupMatchesGroupingBothSides(int size, int partitions) {
    List<Pair<String, Integer>> left = input(size, partitions);
    List<Pair<String, String>> right = other(size, partitions);
    PairDataset<String, Pair<List<Integer>, List<String>>> cogrouped =
        ember.parallelizePairs(left, partitions).cogroup(ember.parallelizePairs(right, 2));

    Map<String, List<Integer>> l = group(left);
    Map<String, List<String>> r = group(right);
    Set<String> keys = new HashSet<>(l.keySet());
    keys.addAll(r.keySet());
    Map<String, Pair<List<Integer>, List<String>>> expected = new HashMap<>();
    for (String k : keys) {
      expected.put(
          k,
          Pair.of(
              OpsData.sorted(l.getOrDefault(k, List.of())),
              OpsData.sorted(r.getOrDefault(k, List.of()))));
    }
    Map<String, Pair<List<Integer>, List<String>>> actual = new HashMap<>();
    OpsData.uniqueMap(cogrouped.collect())
        .forEach(
            (k, g) -> actual.put(k, Pair.of(OpsData.sorted(g.key()), OpsData.sorted(g.value()))));
    assertThat(actual).isEqualTo(expected);
    assertThat(cogrouped.numPartitions()).isEqualTo(Math.max(partitions, 2));
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void joinsMatchNestedLoops(int size, int partitions) {
    List<Pair<String, Integer>> left = input(size, partitions);
    List<Pair<String, String>> right = other(size, partitions);
    PairDataset<String, Integer> l = ember.parallelizePairs(left, partitions);
    PairDataset<String, String> r = ember.parallelizePairs(right, 3);

    List<Pair<String, Pair<Integer, String>>> inner = new ArrayList<>();
    List<Pair<String, Pair<Integer, Optional<String>>>> leftOuter = new ArrayList<>();
    List<Pair<String, Pair<Optional<Integer>, String>>> rightOuter = new ArrayList<>();
    List<Pair<String, Pair<Optional<Integer>, Optional<String>>>> fullOuter = new ArrayList<>();
    for (Pair<String, Integer> a : left) {
      boolean matched = false;
      for (Pair<String, String> b : right) {
        if (a.key().equals(b.key())) {
          matched = true;
          inner.add(Pair.of(a.key(), Pair.of(a.value(), b.value())));
          leftOuter.add(Pair.of(a.key(), Pair.of(a.value(), Optional.ofNullable(b.value()))));
          rightOuter.add(Pair.of(a.key(), Pair.of(Optional.ofNullable(a.value()), b.value())));
          fullOuter.add(
              Pair.of(
                  a.key(),
                  Pair.of(Optional.ofNullable(a.value()), Optional.ofNullable(b.value()))));
        }
      }
      if (!matched) {
        leftOuter.add(Pair.of(a.key(), Pair.of(a.value(), Optional.empty())));
        fullOuter.add(Pair.of(a.key(), Pair.of(Optional.ofNullable(a.value()), Optional.empty())));
      }
    }
    Set<String> leftKeys = new HashSet<>(left.stream().map(Pair::key).toList());
    for (Pair<String, String> b : right) {
      if (!leftKeys.contains(b.key())) {
        rightOuter.add(Pair.of(b.key(), Pair.of(Optional.empty(), b.value())));
        fullOuter.add(Pair.of(b.key(), Pair.of(Optional.empty(), Optional.ofNullable(b.value()))));
      }
    }

    assertSameMultiset(l.join(r).collect(), inner);
    assertSameMultiset(l.leftOuterJoin(r).collect(), leftOuter);
    assertSameMultiset(l.rightOuterJoin(r).collect(), rightOuter);
    assertSameMultiset(l.fullOuterJoin(r).collect(), fullOuter);
    assertSameMultiset(l.join(r, new HashPartitioner(5)).collect(), inner);
    assertThat(l.join(r).count()).isEqualTo(inner.size());
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void joinOfCopartitionedInputsKeepsThePartitioner(int size, int partitions) {
    List<Pair<String, Integer>> left = input(size, partitions);
    List<Pair<String, String>> right = other(size, partitions);
    HashPartitioner five = new HashPartitioner(5);
    PairDataset<String, Integer> l = ember.parallelizePairs(left, partitions).partitionBy(five);
    PairDataset<String, String> r = ember.parallelizePairs(right, 2).partitionBy(five);

    PairDataset<String, Pair<Integer, String>> joined = l.join(r);
    assertThat(joined.partitioner()).contains(five);
    assertThat(joined.numPartitions()).isEqualTo(5);
    List<Pair<String, Pair<Integer, String>>> expected = new ArrayList<>();
    for (Pair<String, Integer> a : left) {
      for (Pair<String, String> b : right) {
        if (a.key().equals(b.key())) {
          expected.add(Pair.of(a.key(), Pair.of(a.value(), b.value())));
        }
      }
    }
    assertSameMultiset(joined.collect(), expected);
    assertKeysWherePartitionerSays(joined, five);
    assertThat(l.cogroup(r).partitioner()).contains(five);
    assertThat(l.leftOuterJoin(r).partitioner()).contains(five);
    assertThat(l.fullOuterJoin(r).partitioner()).contains(five);
    assertThat(l.reduceByKey(OpsData::plus).partitioner())
        .as("an aggregation of partitioned input keeps its partitioner")
        .contains(five);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void collectAsMapAndCountByKey(int size, int partitions) {
    List<Pair<String, Integer>> data = input(size, partitions);
    PairDataset<String, Integer> pairs = ember.parallelizePairs(data, partitions);

    assertThat(pairs.countByKey()).isEqualTo(OpsData.counts(data.stream().map(Pair::key).toList()));
    Map<String, Integer> asMap = pairs.collectAsMap();
    Map<String, List<Integer>> groups = group(data);
    assertThat(asMap.keySet()).isEqualTo(groups.keySet());
    asMap.forEach((k, v) -> assertThat(groups.get(k)).contains(v));

    // With unique keys, collectAsMap is exactly the map.
    List<Pair<Integer, Integer>> unique = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      unique.add(Pair.of(i, data.get(i).value()));
    }
    assertThat(ember.parallelizePairs(unique, partitions).collectAsMap())
        .isEqualTo(OpsData.uniqueMap(unique));
  }

  @Test
  void partitionerAndNumPartitionsOfShuffledResults() {
    PairDataset<String, Integer> pairs = ember.parallelizePairs(OpsData.skewedPairs(200, 5L), 3);
    assertThat(pairs.partitioner()).isEmpty();
    assertThat(pairs.reduceByKey(OpsData::plus).partitioner()).contains(new HashPartitioner(3));
    assertThat(pairs.groupByKey(9).numPartitions()).isEqualTo(9);
    assertThat(pairs.sortByKey(true, 4).partitioner())
        .hasValueSatisfying(p -> assertThat(p).isInstanceOf(RangePartitioner.class));
    assertThat(pairs.mapValues(v -> v).partitionBy(new HashPartitioner(2)).numPartitions())
        .isEqualTo(2);
  }

  // ---------------------------------------------------------------- helpers

  private static List<Integer> upTo(Integer v) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; v != null && i < v % 3; i++) {
      out.add(v + i);
    }
    return out;
  }

  private static Integer reduceLeft(List<Integer> values) {
    Integer acc = values.get(0);
    for (int i = 1; i < values.size(); i++) {
      acc = OpsData.plus(acc, values.get(i));
    }
    return acc;
  }

  private static Pair<Long, Long> createCountSum(Integer v) {
    return Pair.of(1L, v == null ? 0L : v);
  }

  private static Pair<Long, Long> addCountSum(Pair<Long, Long> c, Integer v) {
    return Pair.of(c.key() + 1, c.value() + (v == null ? 0 : v));
  }

  private static Pair<Long, Long> mergeCountSum(Pair<Long, Long> a, Pair<Long, Long> b) {
    return Pair.of(a.key() + b.key(), a.value() + b.value());
  }

  private static PairDataset<String, Pair<Long, Long>> countAndSum(
      PairDataset<String, Integer> pairs, Partitioner partitioner, boolean mapSideCombine) {
    if (partitioner == null) {
      return pairs.combineByKey(
          PairOperationsTest::createCountSum,
          PairOperationsTest::addCountSum,
          PairOperationsTest::mergeCountSum);
    }
    return pairs.combineByKey(
        PairOperationsTest::createCountSum,
        PairOperationsTest::addCountSum,
        PairOperationsTest::mergeCountSum,
        partitioner,
        mapSideCombine);
  }

  private static ArrayList<Integer> append(ArrayList<Integer> list, Integer v) {
    list.add(v);
    return list;
  }

  private static ArrayList<Integer> appendAll(ArrayList<Integer> a, ArrayList<Integer> b) {
    a.addAll(b);
    return a;
  }

  private static <K, V> void assertSorted(
      PairDataset<K, V> sorted, List<Pair<K, V>> data, List<K> expectedKeys) {
    List<Pair<K, V>> out = sorted.collect();
    assertThat(out.stream().map(Pair::key).toList()).containsExactlyElementsOf(expectedKeys);
    assertSameMultiset(out, data);
  }

  /** Every pair sits in the partition its key maps to. */
  private static <K, V> void assertKeysWherePartitionerSays(
      PairDataset<K, V> ds, Partitioner partitioner) {
    List<Pair<Integer, K>> placed =
        ds.dataset()
            .mapPartitionsWithIndex(
                (i, it) ->
                    com.google.common.collect.Iterators.transform(it, p -> Pair.of(i, p.key())),
                false)
            .collect();
    for (Pair<Integer, K> p : placed) {
      assertThat(partitioner.partition(p.value()))
          .as("partition of %s", p.value())
          .isEqualTo(p.key());
    }
  }
}
