package dev.ember.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.LongAccumulator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each save mode's behaviour on an existing output directory, as Spark defines it. */
class SaveModeTest {
  @TempDir static Path base;
  private static HdfsFixture cluster;

  @BeforeAll
  static void start() throws IOException {
    cluster = HdfsFixture.start(base, Map.of());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static String existing(String name) throws IOException {
    String out = cluster.uri("/modes/" + name);
    TextSink.save(cluster.ember().parallelize(List.of("old1", "old2"), 2), out);
    return out;
  }

  @Test
  void errorIfExistsNamesThePathAndRunsNoTask() throws IOException {
    String out = existing("error");
    LongAccumulator computed = cluster.ember().longAccumulator("computed");
    var data =
        cluster
            .ember()
            .parallelize(List.of("new"), 1)
            .map(
                s -> {
                  computed.add(1);
                  return s;
                });

    assertThatThrownBy(() -> TextSink.save(data, out))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "TextSink.save: output path "
                + out
                + " already exists; delete it, write to another path, or choose"
                + " SaveMode.OVERWRITE, APPEND or IGNORE");
    assertThat(computed.value()).isZero();
    assertThat(cluster.partLines(out)).containsExactly("old1", "old2");
  }

  @Test
  void overwriteReplacesTheDirectory() throws IOException {
    String out = existing("overwrite");

    TextSink.save(cluster.ember().parallelize(List.of("new"), 1), out, SaveMode.OVERWRITE);

    assertThat(cluster.files(out)).containsExactly("_SUCCESS", "part-00000");
    assertThat(cluster.partLines(out)).containsExactly("new");
  }

  @Test
  void appendAddsFilesWithJobUniqueNames() throws IOException {
    String out = existing("append");

    TextSink.save(cluster.ember().parallelize(List.of("a1", "a2"), 2), out, SaveMode.APPEND);
    TextSink.save(cluster.ember().parallelize(List.of("b1"), 1), out, SaveMode.APPEND);

    assertThat(cluster.partLines(out)).containsExactly("a1", "a2", "b1", "old1", "old2");
    List<String> parts = cluster.files(out).stream().filter(f -> f.startsWith("part-")).toList();
    assertThat(parts).hasSize(5).doesNotHaveDuplicates();
    assertThat(parts).contains("part-00000", "part-00001");
    assertThat(parts.stream().filter(f -> f.matches("part-0000[01]-ember\\w+"))).hasSize(3);
  }

  @Test
  void appendToAMissingDirectoryCreatesIt() throws IOException {
    String out = cluster.uri("/modes/append-new");

    TextSink.save(cluster.ember().parallelize(List.of("x"), 1), out, SaveMode.APPEND);

    assertThat(cluster.partLines(out)).containsExactly("x");
  }

  @Test
  void ignoreLeavesAnExistingDirectoryAloneAndWritesANewOne() throws IOException {
    String out = existing("ignore");

    long written =
        TextSink.save(cluster.ember().parallelize(List.of("new"), 1), out, SaveMode.IGNORE);

    assertThat(written).isZero();
    assertThat(cluster.partLines(out)).containsExactly("old1", "old2");
    String fresh = cluster.uri("/modes/ignore-new");
    TextSink.save(cluster.ember().parallelize(List.of("new"), 1), fresh, SaveMode.IGNORE);
    assertThat(cluster.partLines(fresh)).containsExactly("new");
  }
}
