package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.Pair;
import dev.ember.serializer.RecordInput;
import dev.ember.shuffle.Aggregator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionedMapOutputBufferTest {
  private static final int PARTITIONS = 7;
  private static final Aggregator<Integer, Long> SUM =
      new Aggregator<>(v -> (long) v, (c, v) -> c + v, Long::sum);
  private static final Comparator<Pair<String, Integer>> TOTAL_ORDER =
      Comparator.comparing(
              (Pair<String, Integer> p) -> p.key(),
              Comparator.nullsFirst(Comparator.<String>naturalOrder()))
          .thenComparing(Pair::value);

  @TempDir Path tempDir;
  private SpillFixture fixture;
  private Path dataFile;

  @BeforeEach
  void setUp() {
    fixture = new SpillFixture(tempDir, 256 << 10);
    dataFile = tempDir.resolve("shuffle_0_0.data");
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private static int partitionOf(String key) {
    return Math.floorMod(Objects.hashCode(key), PARTITIONS);
  }

  private <C> PartitionedMapOutputBuffer<String, Integer, C> newBuffer(
      Optional<Aggregator<Integer, C>> aggregator) {
    return new PartitionedMapOutputBuffer<>(
        PARTITIONS,
        aggregator,
        fixture.serializer,
        fixture.localDirs,
        fixture.memory,
        fixture.metrics);
  }

  /** Reads each partition's byte range of the data file as (key, value) pairs. */
  private List<List<Pair<String, Object>>> readPartitions(long[] lengths) throws IOException {
    byte[] bytes = Files.readAllBytes(dataFile);
    assertThat(Arrays.stream(lengths).sum()).isEqualTo(bytes.length);
    List<List<Pair<String, Object>>> partitions = new ArrayList<>();
    int offset = 0;
    for (long length : lengths) {
      List<Pair<String, Object>> records = new ArrayList<>();
      try (RecordInput input =
          fixture.serializer.openInput(new ByteArrayInputStream(bytes, offset, (int) length))) {
        while (input.hasNext()) {
          String key = (String) input.next();
          assertThat(input.hasNext()).as("a value follows every key").isTrue();
          records.add(Pair.of(key, input.next()));
        }
      }
      partitions.add(records);
      offset += (int) length;
    }
    return partitions;
  }

  @Test
  void writesEveryRecordIntoItsPartitionAcrossSpills() throws IOException {
    List<Pair<String, Integer>> input = SpillFixture.randomRecords(21, 50_000);
    PartitionedMapOutputBuffer<String, Integer, Integer> buffer = newBuffer(Optional.empty());
    input.forEach(p -> buffer.insert(partitionOf(p.key()), p.key(), p.value()));
    long spillFiles = fixture.filesInLocalDirs();

    long[] lengths = buffer.writePartitionedFile(dataFile);

    assertThat(fixture.metrics.spillCount()).isGreaterThan(1);
    assertThat(spillFiles).isEqualTo(fixture.metrics.spillCount());
    assertThat(fixture.filesInLocalDirs()).isZero();
    assertThat(fixture.memoryManager.executionUsed()).isZero();
    assertThat(lengths).hasSize(PARTITIONS);

    List<List<Pair<String, Object>>> partitions = readPartitions(lengths);
    for (int partition = 0; partition < PARTITIONS; partition++) {
      int p = partition;
      List<Pair<String, Integer>> expected =
          input.stream().filter(r -> partitionOf(r.key()) == p).sorted(TOTAL_ORDER).toList();
      List<Pair<String, Integer>> actual =
          partitions.get(partition).stream()
              .map(r -> Pair.of(r.key(), (Integer) r.value()))
              .sorted(TOTAL_ORDER)
              .toList();
      assertThat(actual).as("partition %s", partition).isEqualTo(expected);
    }
  }

  @Test
  void combinesOnTheMapSideWithKeysRepeatingOnlyAcrossSpills() throws IOException {
    List<Pair<String, Integer>> input = SpillFixture.randomRecords(22, 60_000);
    Map<String, Long> expected = new HashMap<>();
    input.forEach(p -> expected.merge(p.key(), (long) p.value(), Long::sum));
    PartitionedMapOutputBuffer<String, Integer, Long> buffer = newBuffer(Optional.of(SUM));
    input.forEach(p -> buffer.insert(partitionOf(p.key()), p.key(), p.value()));

    long[] lengths = buffer.writePartitionedFile(dataFile);

    long spills = fixture.metrics.spillCount();
    assertThat(spills).isPositive();
    assertThat(fixture.filesInLocalDirs()).isZero();
    List<List<Pair<String, Object>>> partitions = readPartitions(lengths);
    Map<String, Long> merged = new HashMap<>();
    for (int partition = 0; partition < PARTITIONS; partition++) {
      Map<String, Long> occurrences = new HashMap<>();
      for (Pair<String, Object> record : partitions.get(partition)) {
        assertThat(partitionOf(record.key())).isEqualTo(partition);
        occurrences.merge(record.key(), 1L, Long::sum);
        merged.merge(record.key(), (Long) record.value(), Long::sum);
      }
      // Each spill and the final in-memory map hold a key at most once.
      assertThat(occurrences.values())
          .allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(spills + 1));
    }
    assertThat(merged).isEqualTo(expected);
  }

  @Test
  void emptyInputWritesAnEmptyFile() throws IOException {
    PartitionedMapOutputBuffer<String, Integer, Integer> buffer = newBuffer(Optional.empty());
    long[] lengths = buffer.writePartitionedFile(dataFile);
    assertThat(lengths).containsOnly(0L).hasSize(PARTITIONS);
    assertThat(Files.size(dataFile)).isZero();
    assertThat(fixture.memoryManager.executionUsed()).isZero();
  }

  @Test
  void smallInputIsWrittenWithoutSpilling() throws IOException {
    PartitionedMapOutputBuffer<String, Integer, Integer> buffer = newBuffer(Optional.empty());
    buffer.insert(3, "c", 3);
    buffer.insert(0, null, 0);
    buffer.insert(3, "d", 4);

    long[] lengths = buffer.writePartitionedFile(dataFile);

    assertThat(fixture.metrics.spillCount()).isZero();
    List<List<Pair<String, Object>>> partitions = readPartitions(lengths);
    assertThat(partitions.get(0)).containsExactly(Pair.of(null, 0));
    assertThat(partitions.get(3)).containsExactly(Pair.of("c", 3), Pair.of("d", 4));
    assertThat(lengths[1]).isZero();
  }

  @Test
  void rejectsPartitionOutOfRange() {
    PartitionedMapOutputBuffer<String, Integer, Integer> buffer = newBuffer(Optional.empty());
    assertThatThrownBy(() -> buffer.insert(PARTITIONS, "k", 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("partition 7 is out of range [0, 7)");
    buffer.close();
  }

  @Test
  void closeWithoutWritingDeletesSpillsAndReleasesMemory() {
    PartitionedMapOutputBuffer<String, Integer, Integer> buffer = newBuffer(Optional.empty());
    SpillFixture.randomRecords(23, 40_000)
        .forEach(p -> buffer.insert(partitionOf(p.key()), p.key(), p.value()));
    assertThat(fixture.filesInLocalDirs()).isPositive();

    buffer.close();

    assertThat(fixture.filesInLocalDirs()).isZero();
    assertThat(fixture.memoryManager.executionUsed()).isZero();
    assertThatThrownBy(() -> buffer.writePartitionedFile(dataFile))
        .isInstanceOf(IllegalStateException.class);
  }
}
