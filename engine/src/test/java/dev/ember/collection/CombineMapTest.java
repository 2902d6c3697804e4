package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.memory.SizeEstimator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CombineMapTest {
  /** A key whose hash code is chosen by the test, to force collisions. */
  private record Collider(int id, int hash) {
    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** Adds 1 to the count of (partition, key). */
  private static <K> void count(CombineMap<K, Long> map, int partition, K key) {
    int slot = map.slot(partition, key);
    map.setValue(slot, map.wasNew() ? 1L : map.value(slot) + 1);
  }

  private static <K> Map<List<Object>, Long> contents(SortedRecords<K, Long> drained) {
    Map<List<Object>, Long> result = new HashMap<>();
    for (int i = 0; i < drained.size(); i++) {
      List<Object> key = new ArrayList<>();
      key.add(drained.partition(i));
      key.add(drained.key(i));
      assertThat(result.put(key, drained.value(i))).as("duplicate entry %s", key).isNull();
    }
    return result;
  }

  @Test
  void countsLikeAHashMapThroughManyGrowths() {
    CombineMap<Integer, Long> map = new CombineMap<>(2);
    Map<List<Object>, Long> expected = new HashMap<>();
    Random random = new Random(42);
    for (int i = 0; i < 50_000; i++) {
      int partition = random.nextInt(7);
      int key = random.nextInt(20_000);
      count(map, partition, key);
      expected.merge(List.of(partition, key), 1L, Long::sum);
    }
    assertThat(map.size()).isEqualTo(expected.size());
    assertThat(contents(map.drainSorted(CombineMap.Order.NONE))).isEqualTo(expected);
    assertThat(map.size()).isZero();
  }

  @Test
  void equalKeysOfDifferentPartitionsStayApartAndNullKeysAndValuesWork() {
    CombineMap<String, Long> map = new CombineMap<>();
    count(map, 0, "a");
    count(map, 1, "a");
    count(map, 1, "a");
    count(map, 0, null);
    count(map, 0, null);
    int slot = map.slot(2, "nullValue");
    assertThat(map.wasNew()).isTrue();
    map.setValue(slot, null);
    int again = map.slot(2, "nullValue");
    assertThat(map.wasNew()).isFalse();
    assertThat(map.value(again)).isNull();

    Map<List<Object>, Long> expected = new HashMap<>();
    expected.put(List.of(0, "a"), 1L);
    expected.put(List.of(1, "a"), 2L);
    expected.put(new ArrayList<>(java.util.Arrays.asList(0, null)), 2L);
    expected.put(new ArrayList<>(java.util.Arrays.asList(2, "nullValue")), null);
    assertThat(contents(map.drainSorted(CombineMap.Order.PARTITION))).isEqualTo(expected);
  }

  @Test
  void keysWithTheSameHashCodeAreComparedWithEquals() {
    CombineMap<Collider, Long> map = new CombineMap<>(4);
    for (int round = 0; round < 3; round++) {
      for (int id = 0; id < 100; id++) {
        count(map, 0, new Collider(id, 7));
      }
    }
    SortedRecords<Collider, Long> drained = map.drainSorted(CombineMap.Order.KEY_HASH);
    assertThat(drained.size()).isEqualTo(100);
    for (int i = 0; i < drained.size(); i++) {
      assertThat(drained.value(i)).isEqualTo(3L);
    }
  }

  @Test
  void drainSortsByPartitionOrBySignedKeyHash() {
    CombineMap<Integer, Long> map = new CombineMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 5_000; i++) {
      count(map, random.nextInt(5), random.nextInt());
    }
    SortedRecords<Integer, Long> byPartition = map.drainSorted(CombineMap.Order.PARTITION);
    for (int i = 1; i < byPartition.size(); i++) {
      assertThat(byPartition.partition(i)).isGreaterThanOrEqualTo(byPartition.partition(i - 1));
    }
    for (int i = 0; i < 5_000; i++) {
      count(map, 0, i % 2 == 0 ? null : random.nextInt());
    }
    SortedRecords<Integer, Long> byHash = map.drainSorted(CombineMap.Order.KEY_HASH);
    for (int i = 1; i < byHash.size(); i++) {
      assertThat(HashGroupMergeIterator.KEY_HASH_ORDER.compare(byHash.key(i - 1), byHash.key(i)))
          .isLessThanOrEqualTo(0);
    }
    assertThat(byHash.key(0)).isNotNull(); // negative hashes sort before null's 0
    assertThat(Objects.hashCode(byHash.key(0))).isNegative();
  }

  @Test
  void sizeEstimateGrowsWithTheEntriesAndIsBackToSmallAfterDrain() {
    CombineMap<String, Long> map = new CombineMap<>();
    long empty = SizeEstimator.estimate(map);
    for (int i = 0; i < 100_000; i++) {
      count(map, i % 3, "key-" + i);
    }
    long full = SizeEstimator.estimate(map);
    // Each entry holds at least a String of 9+ chars and a Long: well over 40 bytes.
    assertThat(full).isGreaterThan(empty + 100_000L * 40);
    var unused = map.drainSorted(CombineMap.Order.NONE);
    assertThat(SizeEstimator.estimate(map)).isEqualTo(empty);
  }
}
