package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * Inputs and plain-Java reference helpers for the "every operation vs plain Java" tests: seeded
 * random data of several sizes, skewed keys, null values, and multiset comparison.
 */
final class OpsData {
  /** The key that about half of the records of {@link #skewedPairs} carry. */
  static final String HOT = "hot";

  private static final int[] SIZES = {0, 1, 100, 5000};
  private static final int[] PARTITIONS = {1, 3, 8};

  private OpsData() {}

  /** A session shared by one test class: local[2], quiet UI-less defaults. */
  static EmberSession newSession(String appName) {
    return EmberSession.builder().appName(appName).master("local[2]").build();
  }

  /** Every (size, partitions) combination, including more partitions than elements. */
  static Stream<Arguments> grid() {
    List<Arguments> out = new ArrayList<>();
    for (int size : SIZES) {
      for (int partitions : PARTITIONS) {
        out.add(Arguments.of(size, partitions));
      }
    }
    return out.stream();
  }

  static Random random(int size, int partitions, int salt) {
    return new Random(31L * 31L * size + 31L * partitions + salt);
  }

  /** {@code size} random ints in [-1000, 1000), with duplicates. */
  static List<Integer> ints(int size, long seed) {
    Random random = new Random(seed);
    List<Integer> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      out.add(random.nextInt(2000) - 1000);
    }
    return out;
  }

  /**
   * {@code size} pairs: about half on {@link #HOT}, the rest on about {@code size / 5} other keys;
   * values in [0, 1000), about 5% of them {@code null}.
   */
  static List<Pair<String, Integer>> skewedPairs(int size, long seed) {
    Random random = new Random(seed);
    int otherKeys = Math.max(1, size / 5);
    List<Pair<String, Integer>> out = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      String key = random.nextBoolean() ? HOT : "k" + random.nextInt(otherKeys);
      Integer value = random.nextInt(20) == 0 ? null : random.nextInt(1000);
      out.add(Pair.of(key, value));
    }
    return out;
  }

  /**
   * The other side of joins: about {@code size / 2} pairs on keys that partly overlap those of
   * {@link #skewedPairs} (plus keys only here), a few values on {@link #HOT}, some null values.
   */
  static List<Pair<String, String>> otherSide(int size, long seed) {
    Random random = new Random(seed);
    int otherKeys = Math.max(1, size / 5);
    List<Pair<String, String>> out = new ArrayList<>();
    for (int i = 0; i < size / 2; i++) {
      String key =
          random.nextInt(4) == 0 ? "only" + random.nextInt(10) : "k" + random.nextInt(otherKeys);
      String value = random.nextInt(20) == 0 ? null : "w" + random.nextInt(100);
      out.add(Pair.of(key, value));
    }
    for (int i = 0; i < Math.min(3, size); i++) {
      out.add(Pair.of(HOT, "hot" + i));
    }
    return out;
  }

  /** Null-safe sum, treating null as 0: the merge function used with null values. */
  static Integer plus(Integer a, Integer b) {
    return (a == null ? 0 : a) + (b == null ? 0 : b);
  }

  /** Plain-Java groupByKey that keeps encounter order within a key and allows null keys/values. */
  static <K, V> Map<K, List<V>> group(List<Pair<K, V>> pairs) {
    Map<K, List<V>> out = new HashMap<>();
    for (Pair<K, V> p : pairs) {
      out.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.value());
    }
    return out;
  }

  /** How many times each element occurs (null allowed). */
  static <T> Map<T, Long> counts(Iterable<T> items) {
    Map<T, Long> out = new HashMap<>();
    for (T x : items) {
      out.merge(x, 1L, Long::sum);
    }
    return out;
  }

  /** Asserts that {@code actual} and {@code expected} hold the same elements, counting repeats. */
  static <T> void assertSameMultiset(List<T> actual, List<T> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    assertThat(counts(actual)).isEqualTo(counts(expected));
  }

  /** A copy of {@code values} in a canonical order (nulls first), to compare lists as multisets. */
  static <V> List<V> sorted(List<V> values) {
    List<V> copy = new ArrayList<>(values);
    copy.sort(Comparator.nullsFirst(Comparator.comparing(String::valueOf)));
    return copy;
  }

  /** {@code map}'s lists put in canonical order. */
  static <K, V> Map<K, List<V>> sortedValues(Map<K, ? extends List<V>> map) {
    Map<K, List<V>> out = new HashMap<>();
    map.forEach((k, v) -> out.put(k, sorted(v)));
    return out;
  }

  /** {@code pairs} (with unique keys) as a map, failing on a repeated key. */
  static <K, V> Map<K, V> uniqueMap(List<Pair<K, V>> pairs) {
    Map<K, V> out = new HashMap<>();
    for (Pair<K, V> p : pairs) {
      assertThat(out).as("key %s appears once", p.key()).doesNotContainKey(p.key());
      out.put(p.key(), p.value());
    }
    return out;
  }
}
