package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PartitionedPairBufferTest {
  @Test
  void drainsByPartitionKeepingInsertionOrderWithinAPartition() {
    PartitionedPairBuffer<Integer, String> buffer = new PartitionedPairBuffer<>();
    Random random = new Random(3);
    List<List<Integer>> expected = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      expected.add(new ArrayList<>());
    }
    for (int i = 0; i < 10_000; i++) {
      int partition = random.nextInt(4);
      buffer.insert(partition, i, "v" + i);
      expected.get(partition).add(i);
    }
    assertThat(buffer.size()).isEqualTo(10_000);

    SortedRecords<Integer, String> sorted = buffer.drainSortedByPartition();
    assertThat(buffer.size()).isZero();
    List<List<Integer>> actual = new ArrayList<>();
    for (int p = 0; p < 4; p++) {
      actual.add(new ArrayList<>());
    }
    int previousPartition = 0;
    for (int i = 0; i < sorted.size(); i++) {
      assertThat(sorted.partition(i)).isGreaterThanOrEqualTo(previousPartition);
      previousPartition = sorted.partition(i);
      assertThat(sorted.value(i)).isEqualTo("v" + sorted.key(i));
      actual.get(sorted.partition(i)).add(sorted.key(i));
    }
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void nullKeysAndValuesAreKept() {
    PartitionedPairBuffer<String, String> buffer = new PartitionedPairBuffer<>();
    buffer.insert(1, null, "a");
    buffer.insert(0, "b", null);
    SortedRecords<String, String> sorted = buffer.drainSortedByPartition();
    assertThat(sorted.size()).isEqualTo(2);
    assertThat(sorted.key(0)).isEqualTo("b");
    assertThat(sorted.value(0)).isNull();
    assertThat(sorted.key(1)).isNull();
    assertThat(sorted.value(1)).isEqualTo("a");
  }
}
