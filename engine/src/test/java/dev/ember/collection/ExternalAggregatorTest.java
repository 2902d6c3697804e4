package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.Pair;
import dev.ember.function.UserFunctionException;
import dev.ember.shuffle.Aggregator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalAggregatorTest {
  private static final Aggregator<Integer, Long> SUM =
      new Aggregator<>(v -> (long) v, (c, v) -> c + v, Long::sum);

  /** Collects every value, so a lost or duplicated value shows in the result. */
  private static final Aggregator<Integer, List<Integer>> COLLECT =
      new Aggregator<>(
          v -> new ArrayList<>(List.of(v)),
          (c, v) -> {
            c.add(v);
            return c;
          },
          (a, b) -> {
            a.addAll(b);
            return a;
          });

  @TempDir Path tempDir;
  private SpillFixture fixture;

  @BeforeEach
  void setUp() {
    fixture = new SpillFixture(tempDir, 256 << 10);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private <V, C> ExternalAggregator<String, V, C> newAggregator(Aggregator<V, C> aggregator) {
    return new ExternalAggregator<>(
        aggregator, fixture.serializer, fixture.localDirs, fixture.memory, fixture.metrics);
  }

  /** Drains the iterator into a map, failing on a key that comes out twice. */
  private static <C> Map<String, C> drain(Iterator<Pair<String, C>> iterator) {
    Map<String, C> result = new HashMap<>();
    iterator.forEachRemaining(
        pair -> {
          assertThat(result).as("keys come out once").doesNotContainKey(pair.key());
          result.put(pair.key(), pair.value());
        });
    return result;
  }

  @Test
  void sumsValuesAcrossSpillsLikeAnInMemoryMap() {
    List<Pair<String, Integer>> input = SpillFixture.randomRecords(3, 60_000);
    Map<String, Long> expected = new HashMap<>();
    input.forEach(p -> expected.merge(p.key(), (long) p.value(), Long::sum));

    ExternalAggregator<String, Integer, Long> aggregator = newAggregator(SUM);
    input.forEach(p -> aggregator.insertValue(p.key(), p.value()));
    Iterator<Pair<String, Long>> iterator = aggregator.iterator();
    long filesDuringIteration = fixture.filesInLocalDirs();
    Map<String, Long> actual = drain(iterator);

    assertThat(fixture.metrics.spillCount()).isGreaterThan(1);
    assertThat(filesDuringIteration).isEqualTo(fixture.metrics.spillCount());
    assertThat(actual).isEqualTo(expected);
    assertThat(actual).containsKey(null).containsKeys("Aa", "BB", "AaAa", "BBBB");
    assertThat(fixture.filesInLocalDirs()).isZero();
    assertThat(fixture.memoryManager.executionUsed()).isZero();
  }

  @Test
  void collectsEveryValueOnceWithCollidingAndNullKeys() {
    List<Pair<String, Integer>> input = SpillFixture.randomRecords(5, 40_000);
    Map<String, List<Integer>> expected = new HashMap<>();
    input.forEach(p -> expected.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p.value()));

    ExternalAggregator<String, Integer, List<Integer>> aggregator = newAggregator(COLLECT);
    input.forEach(p -> aggregator.insertValue(p.key(), p.value()));
    Map<String, List<Integer>> actual = drain(aggregator.iterator());

    assertThat(fixture.metrics.spillCount()).isPositive();
    assertThat(actual.keySet()).isEqualTo(expected.keySet());
    // Spills are merged in file order, so values of one key may be reordered: compare sorted.
    expected.forEach(
        (key, values) ->
            assertThat(actual.get(key).stream().sorted().toList())
                .as("values of %s", key)
                .isEqualTo(values.stream().sorted().toList()));
  }

  @Test
  void mergesCombinersFromMapTasks() {
    List<Pair<String, Integer>> input = SpillFixture.randomRecords(9, 50_000);
    Map<String, Long> expected = new HashMap<>();
    input.forEach(p -> expected.merge(p.key(), (long) p.value(), Long::sum));

    ExternalAggregator<String, Integer, Long> aggregator = newAggregator(SUM);
    input.forEach(p -> aggregator.insertCombiner(p.key(), (long) p.value()));

    assertThat(drain(aggregator.iterator())).isEqualTo(expected);
    assertThat(fixture.metrics.spillCount()).isPositive();
  }

  @Test
  void emptyInputYieldsNothing() {
    ExternalAggregator<String, Integer, Long> aggregator = newAggregator(SUM);
    assertThat(aggregator.iterator()).isExhausted();
    assertThat(fixture.memoryManager.executionUsed()).isZero();
  }

  @Test
  void checkedExceptionOfUserFunctionFailsWithItsCause() {
    IOException failure = new IOException("lookup service down");
    ExternalAggregator<String, Integer, Long> aggregator =
        newAggregator(
            new Aggregator<Integer, Long>(
                v -> (long) v,
                (c, v) -> {
                  throw failure;
                },
                Long::sum));
    aggregator.insertValue("a", 1);

    assertThatThrownBy(() -> aggregator.insertValue("a", 2))
        .isInstanceOf(UserFunctionException.class)
        .hasMessageContaining("mergeValue")
        .hasCause(failure);
    aggregator.close();
    assertThat(fixture.memoryManager.executionUsed()).isZero();
  }

  @Test
  void closeBeforeIterationDeletesSpillsAndReleasesMemory() {
    ExternalAggregator<String, Integer, Long> aggregator = newAggregator(SUM);
    SpillFixture.randomRecords(1, 40_000).forEach(p -> aggregator.insertValue(p.key(), p.value()));
    assertThat(fixture.filesInLocalDirs()).isPositive();
    assertThat(fixture.memoryManager.executionUsed()).isPositive();

    aggregator.close();

    assertThat(fixture.filesInLocalDirs()).isZero();
    assertThat(fixture.memoryManager.executionUsed()).isZero();
    assertThatThrownBy(aggregator::iterator).isInstanceOf(IllegalStateException.class);
  }
}
