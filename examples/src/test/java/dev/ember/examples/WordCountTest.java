package dev.ember.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.StringTokenizer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordCountTest {
  @TempDir Path dir;

  @Test
  void countsStringTokenizerWordsWithCaseKeptAsTabSeparatedLines() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    String[] vocabulary = {"the", "The", "fox", "dog,", "jumps", "über", "a"};
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      StringBuilder line = new StringBuilder();
      int words = random.nextInt(12);
      for (int w = 0; w < words; w++) {
        line.append(vocabulary[random.nextInt(vocabulary.length)]);
        line.append(random.nextBoolean() ? " " : "\t \f");
      }
      lines.add(line.toString());
    }
    Path input = dir.resolve("input.txt");
    Files.write(input, lines);
    Path output = dir.resolve("counts");

    long distinct;
    try (EmberSession ember = EmberSession.builder().master("local[2]").build()) {
      distinct = WordCount.run(ember, input.toString(), output.toString());
    }

    Map<String, Long> expected = new HashMap<>();
    for (String line : lines) {
      StringTokenizer tokens = new StringTokenizer(line);
      while (tokens.hasMoreTokens()) {
        expected.merge(tokens.nextToken(), 1L, Long::sum);
      }
    }
    Map<String, Long> actual = new HashMap<>();
    List<Path> parts;
    try (Stream<Path> files = Files.list(output)) {
      parts = files.filter(p -> p.getFileName().toString().startsWith("part-")).sorted().toList();
    }
    for (Path part : parts) {
      for (String line : Files.readAllLines(part)) {
        String[] fields = line.split("\t", -1);
        assertThat(fields).as("line %s", line).hasSize(2);
        assertThat(actual.put(fields[0], Long.parseLong(fields[1]))).as("duplicate word").isNull();
      }
    }
    assertThat(actual).isEqualTo(expected);
    assertThat(distinct).isEqualTo(expected.size());
    assertThat(output.resolve("_SUCCESS")).exists();
  }
}
