package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalSorterTest {
  private static final Comparator<String> NULLS_FIRST =
      Comparator.nullsFirst(Comparator.naturalOrder());

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

  private <T> ExternalSorter<T> newSorter(Comparator<? super T> comparator) {
    return new ExternalSorter<>(
        comparator, fixture.serializer, fixture.localDirs, fixture.memory, fixture.metrics);
  }

  @Test
  void sortsRandomIntegersAcrossSeveralSpills() {
    Random random = new Random(7);
    List<Integer> input = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      input.add(random.nextInt());
    }
    ExternalSorter<Integer> sorter = newSorter(Comparator.naturalOrder());
    input.forEach(sorter::insert);

    Iterator<Integer> sorted = sorter.iterator();
    List<Integer> output = new ArrayList<>();
    output.add(sorted.next());
    long filesDuringIteration = fixture.filesInLocalDirs();
    sorted.forEachRemaining(output::add);

    assertThat(fixture.metrics.spillCount()).isGreaterThan(1);
    assertThat(fixture.metrics.bytesSpilled()).isPositive();
    assertThat(filesDuringIteration).isEqualTo(fixture.metrics.spillCount());
    assertThat(output).isEqualTo(input.stream().sorted().toList());
    assertThat(fixture.filesInLocalDirs()).isZero();
    assertThat(fixture.memoryManager.executionUsed()).isZero();
  }

  @Test
  void sortsRecordsWithNullAndCollidingKeysByKey() {
    List<Pair<String, Integer>> input = SpillFixture.randomRecords(11, 40_000);
    Comparator<Pair<String, Integer>> byKey = Comparator.comparing(Pair::key, NULLS_FIRST);
    ExternalSorter<Pair<String, Integer>> sorter = newSorter(byKey);
    input.forEach(sorter::insert);

    List<Pair<String, Integer>> output = new ArrayList<>();
    sorter.iterator().forEachRemaining(output::add);

    assertThat(fixture.metrics.spillCount()).isPositive();
    assertThat(output).isSortedAccordingTo(byKey);
    // Equal keys may come out in any order, so compare under a total order.
    Comparator<Pair<String, Integer>> total = byKey.thenComparing(Pair::value);
    assertThat(output.stream().sorted(total).toList())
        .isEqualTo(input.stream().sorted(total).toList());
  }

  @Test
  void emptyInputYieldsNothing() {
    ExternalSorter<String> sorter = newSorter(NULLS_FIRST);
    assertThat(sorter.iterator()).isExhausted();
    assertThat(fixture.metrics.spillCount()).isZero();
    assertThat(fixture.memoryManager.executionUsed()).isZero();
  }

  @Test
  void smallInputStaysInMemory() {
    ExternalSorter<String> sorter = newSorter(NULLS_FIRST);
    List.of("b", "c", "a").forEach(sorter::insert);
    sorter.insert(null);
    List<String> output = new ArrayList<>();
    sorter.iterator().forEachRemaining(output::add);
    assertThat(output).containsExactly(null, "a", "b", "c");
    assertThat(fixture.metrics.spillCount()).isZero();
  }

  @Test
  void closeDuringIterationDeletesRunsAndReleasesMemory() {
    ExternalSorter<Integer> sorter = newSorter(Comparator.naturalOrder());
    for (int i = 0; i < 50_000; i++) {
      sorter.insert(50_000 - i);
    }
    Iterator<Integer> sorted = sorter.iterator();
    assertThat(sorted.next()).isEqualTo(1);
    assertThat(fixture.filesInLocalDirs()).isPositive();

    sorter.close();
    sorter.close();

    assertThat(fixture.filesInLocalDirs()).isZero();
    assertThat(fixture.memoryManager.executionUsed()).isZero();
    assertThatThrownBy(() -> sorter.insert(1)).isInstanceOf(IllegalStateException.class);
  }
}
