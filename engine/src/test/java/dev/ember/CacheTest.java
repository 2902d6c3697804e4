package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Persisted datasets are computed once, and recomputed from lineage after eviction. */
class CacheTest {
  private EmberSession ember;

  @AfterEach
  void stop() {
    if (ember != null) {
      ember.close();
    }
  }

  private static List<Integer> numbers(int n) {
    return IntStream.range(0, n).boxed().toList();
  }

  @Test
  void aCachedDatasetIsComputedOnceAcrossTwoActions() {
    ember = EmberSession.builder().master("local[2]").build();
    LongAccumulator computed = ember.longAccumulator("computed");
    Dataset<Integer> squares =
        ember
            .parallelize(numbers(1000), 4)
            .map(
                x -> {
                  computed.add(1L);
                  return x * x;
                })
            .cache();

    long count = squares.count();
    long sum = squares.map(Integer::longValue).reduce(Long::sum);

    assertThat(count).isEqualTo(1000);
    assertThat(sum).isEqualTo(IntStream.range(0, 1000).mapToLong(x -> (long) x * x).sum());
    assertThat(computed.value()).as("elements computed over both actions").isEqualTo(1000);
  }

  @Test
  void withoutCacheTheLineageIsRecomputedForEachAction() {
    ember = EmberSession.builder().master("local[2]").build();
    LongAccumulator computed = ember.longAccumulator("computed");
    Dataset<Integer> squares =
        ember
            .parallelize(numbers(1000), 4)
            .map(
                x -> {
                  computed.add(1L);
                  return x * x;
                });

    squares.count();
    squares.count();

    assertThat(computed.value()).isEqualTo(2000);
  }

  @Test
  void anEvictedPartitionIsRecomputedAndStillCorrect() {
    // A 2 MiB budget holds one of the two ~1 MiB cached datasets at a time, not both.
    ember = EmberSession.builder().master("local[1]").config("ember.memory.budget", "2m").build();
    LongAccumulator computedA = ember.longAccumulator("a");
    LongAccumulator computedB = ember.longAccumulator("b");
    Dataset<String> a =
        ember
            .parallelize(numbers(20_000), 1)
            .map(
                x -> {
                  computedA.add(1L);
                  return "a-" + x;
                })
            .cache();
    Dataset<String> b =
        ember
            .parallelize(numbers(20_000), 1)
            .map(
                x -> {
                  computedB.add(1L);
                  return "b-" + x;
                })
            .cache();

    assertThat(a.count()).isEqualTo(20_000);
    assertThat(computedA.value()).isEqualTo(20_000);
    assertThat(b.count()).isEqualTo(20_000); // caching b evicts a
    List<String> again = a.collect();

    assertThat(computedA.value()).as("a was recomputed after eviction").isEqualTo(40_000);
    assertThat(again)
        .containsExactlyElementsOf(numbers(20_000).stream().map(x -> "a-" + x).toList());
  }

  @Test
  void memoryAndDiskKeepsAnEvictedPartitionOnDisk() {
    ember = EmberSession.builder().master("local[1]").config("ember.memory.budget", "2m").build();
    LongAccumulator computedA = ember.longAccumulator("a");
    Dataset<String> a =
        ember
            .parallelize(numbers(20_000), 1)
            .map(
                x -> {
                  computedA.add(1L);
                  return "a-" + x;
                })
            .persist(StorageLevel.MEMORY_AND_DISK);
    Dataset<String> b =
        ember.parallelize(numbers(20_000), 1).map(x -> "b-" + x).persist(StorageLevel.MEMORY_ONLY);

    a.count();
    b.count();
    List<String> again = a.collect();

    assertThat(computedA.value()).as("a was read back from disk, not recomputed").isEqualTo(20_000);
    assertThat(again).hasSize(20_000).startsWith("a-0", "a-1");
  }

  @Test
  void diskOnlyIsComputedOnce() {
    ember = EmberSession.builder().master("local[2]").build();
    LongAccumulator computed = ember.longAccumulator("computed");
    Dataset<Integer> data =
        ember
            .parallelize(numbers(500), 3)
            .map(
                x -> {
                  computed.add(1L);
                  return x + 1;
                })
            .persist(StorageLevel.DISK_ONLY);

    assertThat(data.collect()).isEqualTo(IntStream.rangeClosed(1, 500).boxed().toList());
    assertThat(data.count()).isEqualTo(500);
    assertThat(computed.value()).isEqualTo(500);
  }

  @Test
  void unpersistDropsTheCache() {
    ember = EmberSession.builder().master("local[2]").build();
    LongAccumulator computed = ember.longAccumulator("computed");
    Dataset<Integer> data =
        ember
            .parallelize(numbers(100), 2)
            .map(
                x -> {
                  computed.add(1L);
                  return x;
                })
            .cache();
    data.count();
    data.unpersist();
    data.count();

    assertThat(computed.value()).isEqualTo(200);
  }
}
