package dev.ember;

import static dev.ember.OpsData.assertSameMultiset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.function.SerializableComparator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Actions, shared variables and text I/O against the same computation on a list. */
class ActionsTest {
  /** By last decimal digit, then by value: many ties on the first criterion. */
  private static final SerializableComparator<Integer> BY_LAST_DIGIT =
      (a, b) -> {
        int c = Integer.compare(Math.floorMod(a, 10), Math.floorMod(b, 10));
        return c != 0 ? c : Integer.compare(a, b);
      };

  private static EmberSession ember;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    ember = OpsData.newSession("ActionsTest");
  }

  @AfterAll
  static void stop() {
    ember.close();
  }

  static Stream<Arguments> grid() {
    return OpsData.grid();
  }

  private static List<Integer> input(int size, int partitions) {
    return OpsData.ints(size, 53L * size + partitions);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void collectCountFirstTake(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    Dataset<Integer> ds = ember.parallelize(data, partitions);

    assertThat(ds.collect()).containsExactlyElementsOf(data);
    assertThat(ds.count()).isEqualTo(size);
    if (size == 0) {
      assertThatThrownBy(ds::first).isInstanceOf(NoSuchElementException.class);
    } else {
      assertThat(ds.first()).isEqualTo(data.get(0));
    }
    for (int n : new int[] {0, 1, 5, size, size + 10}) {
      assertThat(ds.take(n)).as("take(%s)", n).containsExactlyElementsOf(prefix(data, n));
    }
    // Elements only in the last partitions: take must scan past empty ones.
    Dataset<Integer> tail = ds.filter(x -> x >= 900);
    List<Integer> expectedTail = data.stream().filter(x -> x >= 900).toList();
    assertThat(tail.take(3)).containsExactlyElementsOf(prefix(expectedTail, 3));
    assertThatThrownBy(() -> ds.take(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void reduceFoldAggregate(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    Dataset<Integer> ds = ember.parallelize(data, partitions);
    int sum = data.stream().mapToInt(Integer::intValue).sum();

    if (size == 0) {
      assertThatThrownBy(() -> ds.reduce(Integer::sum))
          .isInstanceOf(UnsupportedOperationException.class);
    } else {
      assertThat(ds.reduce(Integer::sum)).isEqualTo(sum);
      assertThat(ds.reduce(Math::max)).isEqualTo(data.stream().max(Integer::compare).get());
    }
    assertThat(ds.filter(x -> x > 2000).count()).isZero();
    assertThatThrownBy(() -> ds.filter(x -> x > 2000).reduce(Integer::sum))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(ds.fold(0, Integer::sum)).isEqualTo(sum);
    assertThat(ds.map(x -> (long) x * x).fold(0L, Long::sum))
        .isEqualTo(data.stream().mapToLong(x -> (long) x * x).sum());

    Pair<Long, Long> countAndSum =
        ds.aggregate(
            Pair.of(0L, 0L),
            (acc, x) -> Pair.of(acc.key() + 1, acc.value() + x),
            (a, b) -> Pair.of(a.key() + b.key(), a.value() + b.value()));
    assertThat(countAndSum).isEqualTo(Pair.of((long) size, (long) sum));
    // A mutable zero must be copied per partition, or partitions would share one list.
    ArrayList<Integer> all =
        ds.aggregate(new ArrayList<Integer>(), ActionsTest::append, ActionsTest::appendAll);
    assertThat(all).containsExactlyElementsOf(data);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void foreachAndAccumulators(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    Dataset<Integer> ds = ember.parallelize(data, partitions);
    LongAccumulator sum = ember.longAccumulator("sum");
    DoubleAccumulator halves = ember.doubleAccumulator("halves");
    CollectionAccumulator<Integer> seen = ember.collectionAccumulator("seen");
    LongAccumulator partitionsSeen = ember.longAccumulator("partitions");
    LongAccumulator elementsSeen = ember.longAccumulator("elements");

    ds.foreach(
        x -> {
          sum.add((long) x);
          halves.add(x * 0.5);
          seen.add(x);
        });
    ds.foreachPartition(
        it -> {
          partitionsSeen.add(1L);
          while (it.hasNext()) {
            it.next();
            elementsSeen.add(1L);
          }
        });

    assertThat(sum.value()).isEqualTo(data.stream().mapToLong(Integer::longValue).sum());
    // Halves of small integers add up exactly in any order.
    assertThat(halves.value()).isEqualTo(data.stream().mapToDouble(x -> x * 0.5).sum());
    assertSameMultiset(seen.value(), data);
    assertThat(partitionsSeen.value()).isEqualTo((long) partitions);
    assertThat(elementsSeen.value()).isEqualTo((long) size);
    assertThat(sum.name()).isEqualTo("sum");

    // Accumulators updated in a transformation count each element once per action.
    LongAccumulator mapped = ember.longAccumulator("mapped");
    ds.map(
            x -> {
              mapped.add(1L);
              return x;
            })
        .count();
    assertThat(mapped.value()).isEqualTo((long) size);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void broadcastValueIsVisibleInTasks(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    Map<Integer, String> names =
        IntStream.range(0, 10).boxed().collect(Collectors.toMap(i -> i, i -> "digit" + i));
    Broadcast<Map<Integer, String>> bc = ember.broadcast(names);

    assertThat(bc.value()).isEqualTo(names);
    assertThat(
            ember
                .parallelize(data, partitions)
                .map(x -> bc.value().get(Math.floorMod(x, 10)))
                .collect())
        .containsExactlyElementsOf(
            data.stream().map(x -> names.get(Math.floorMod(x, 10))).toList());
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void countByValueTopTakeOrdered(int size, int partitions) {
    List<Integer> data = input(size, partitions);
    // Many repeats, for countByValue.
    List<Integer> digits = data.stream().map(x -> Math.floorMod(x, 10)).toList();
    Dataset<Integer> ds = ember.parallelize(data, partitions);

    assertThat(ember.parallelize(digits, partitions).countByValue())
        .isEqualTo(OpsData.counts(digits));
    for (int n : new int[] {0, 1, 7, size + 3}) {
      assertThat(ds.top(n, SerializableComparator.natural()))
          .as("top(%s)", n)
          .containsExactlyElementsOf(prefix(sortedBy(data, Comparator.reverseOrder()), n));
      assertThat(ds.takeOrdered(n, SerializableComparator.natural()))
          .as("takeOrdered(%s)", n)
          .containsExactlyElementsOf(prefix(sortedBy(data, Comparator.naturalOrder()), n));
      assertThat(ds.takeOrdered(n, BY_LAST_DIGIT))
          .containsExactlyElementsOf(prefix(sortedBy(data, BY_LAST_DIGIT), n));
      assertThat(ds.top(n, BY_LAST_DIGIT))
          .containsExactlyElementsOf(prefix(sortedBy(data, BY_LAST_DIGIT.reversed()), n));
    }
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void saveAsTextFileWritesOnePartFilePerPartition(int size, int partitions) throws IOException {
    List<Integer> data = input(size, partitions);
    Dataset<Integer> ds = ember.parallelize(data, partitions);
    Path out = tmp.resolve("out");

    ds.saveAsTextFile(out.toString());

    Set<String> expectedFiles = new TreeSet<>();
    for (int i = 0; i < partitions; i++) {
      expectedFiles.add(String.format("part-%05d", i));
    }
    expectedFiles.add("_SUCCESS");
    assertThat(visibleFiles(out)).isEqualTo(expectedFiles);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < partitions; i++) {
      lines.addAll(Files.readAllLines(out.resolve(String.format("part-%05d", i))));
    }
    List<String> expectedLines = data.stream().map(String::valueOf).toList();
    assertThat(lines).as("part files in order").containsExactlyElementsOf(expectedLines);

    List<String> readBack = ember.textFile(out.toString(), 2).collect();
    assertSameMultiset(readBack, expectedLines);

    assertThatThrownBy(() -> ds.saveAsTextFile(out.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already exists");
    assertThat(ember.textFile(out.toString(), 1).count())
        .as("a refused save leaves the output alone")
        .isEqualTo(size);
  }

  @ParameterizedTest(name = "size={0} partitions={1}")
  @MethodSource("grid")
  void pairSaveAsTextFileWritesKeyTabValue(int size, int partitions) {
    List<Pair<String, Integer>> data = OpsData.skewedPairs(size, size + 3L * partitions);
    Path out = tmp.resolve("pairs");

    ember.parallelizePairs(data, partitions).saveAsTextFile(out.toString());

    assertSameMultiset(
        ember.textFile(out.toString(), 3).collect(),
        data.stream().map(p -> p.key() + "\t" + p.value()).toList());
  }

  @Test
  void existingDirectoryIsRefusedBeforeAnyTaskRuns() throws IOException {
    Path existing = Files.createDirectory(tmp.resolve("existing"));
    LongAccumulator ran = ember.longAccumulator("ran");
    Dataset<Integer> ds =
        ember
            .parallelize(List.of(1, 2, 3), 2)
            .map(
                x -> {
                  ran.add(1L);
                  return x;
                });

    assertThatThrownBy(() -> ds.saveAsTextFile(existing.toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(existing.getFileName().toString());
    assertThat(ran.value()).isZero();
    assertThat(visibleFiles(existing)).isEmpty();
  }

  @Test
  void textFileReadsMultiLineFilesInOrderWithMinPartitions() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      lines.add(i % 97 == 0 ? "" : "line " + i + " " + "x".repeat(i % 13));
    }
    Path file = tmp.resolve("lines.txt");
    Files.write(file, lines, StandardCharsets.UTF_8);

    for (int minPartitions : new int[] {1, 3, 8}) {
      Dataset<String> text = ember.textFile(file.toString(), minPartitions);
      assertThat(text.numPartitions()).isGreaterThanOrEqualTo(minPartitions);
      assertThat(text.collect())
          .as("minPartitions=%s", minPartitions)
          .containsExactlyElementsOf(lines);
      assertThat(text.count()).isEqualTo(lines.size());
    }

    // No final newline: the last line is still read, once.
    Path noNewline = tmp.resolve("no-newline.txt");
    Files.writeString(noNewline, "a\nbb\nccc", StandardCharsets.UTF_8);
    assertThat(ember.textFile(noNewline.toString(), 2).collect()).containsExactly("a", "bb", "ccc");

    // A directory of several files: every line of every file.
    Path dir = Files.createDirectory(tmp.resolve("dir"));
    Files.write(dir.resolve("a.txt"), lines.subList(0, 1000), StandardCharsets.UTF_8);
    Files.write(dir.resolve("b.txt"), lines.subList(1000, 1500), StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("empty.txt"), "", StandardCharsets.UTF_8);
    assertSameMultiset(ember.textFile(dir.toString(), 4).collect(), lines.subList(0, 1500));
  }

  @Test
  void textFileOfAMissingPathFailsNamingIt() {
    String missing = tmp.resolve("missing").toString();
    assertThatThrownBy(() -> ember.textFile(missing, 2).count())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing);
  }

  // ---------------------------------------------------------------- helpers

  private static <T> List<T> prefix(List<T> list, int n) {
    return list.subList(0, Math.min(n, list.size()));
  }

  private static List<Integer> sortedBy(List<Integer> data, Comparator<Integer> order) {
    return data.stream().sorted(order).toList();
  }

  private static ArrayList<Integer> append(ArrayList<Integer> list, Integer x) {
    list.add(x);
    return list;
  }

  private static ArrayList<Integer> appendAll(ArrayList<Integer> a, ArrayList<Integer> b) {
    a.addAll(b);
    return a;
  }

  /** File names in {@code dir}, without Hadoop's hidden checksum files. */
  private static Set<String> visibleFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(name -> !name.startsWith("."))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }
}
