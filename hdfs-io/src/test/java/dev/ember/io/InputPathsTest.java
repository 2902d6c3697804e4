package dev.ember.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What input paths mean: files, directories, globs, hidden files, missing and empty input. */
class InputPathsTest {
  @TempDir static Path base;
  static MiniDfs dfs;
  static EmberSession ember;

  @BeforeAll
  static void start() throws Exception {
    dfs = MiniDfs.start(base);
    ember = EmberSession.builder().master("local[2]").build();
    dfs.write("/in/logs/a.txt", "a1\na2\n");
    dfs.write("/in/logs/b.txt", "b1\n");
    dfs.write("/in/logs/c.log", "c1\n");
    dfs.write("/in/logs/_SUCCESS", "");
    dfs.write("/in/logs/.a.txt.crc", "garbage\n");
    dfs.write("/in/logs/_temporary/0/part-0", "uncommitted\n");
    dfs.write("/in/empty.txt", "");
    dfs.mkdirs("/in/empty-dir");
    dfs.write("/in/nested/top.txt", "top\n");
    dfs.write("/in/nested/sub/deep.txt", "deep\n");
  }

  @AfterAll
  static void stop() {
    ember.close();
    dfs.close();
  }

  private static List<String> sortedLines(String path) {
    return TextSource.read(ember, dfs.uri(path)).collect().stream().sorted().toList();
  }

  @Test
  void aDirectoryReadsItsFilesAndSkipsHiddenOnes() {
    assertThat(sortedLines("/in/logs")).containsExactly("a1", "a2", "b1", "c1");
  }

  @Test
  void globsAndCommaSeparatedListsSelectFiles() {
    assertThat(sortedLines("/in/logs/*.txt")).containsExactly("a1", "a2", "b1");
    assertThat(sortedLines("/in/logs/{a,c}.*")).containsExactly("a1", "a2", "c1");
    assertThat(
            TextSource.read(ember, dfs.uri("/in/logs/b.txt") + "," + dfs.uri("/in/logs/c.log"))
                .collect())
        .containsExactly("b1", "c1");
  }

  @Test
  void aMissingPathFailsTheActionBeforeAnyTaskNamingThePath() {
    String missing = dfs.uri("/in/no-such-dir");
    Dataset<String> read = TextSource.read(ember, missing);

    assertThatThrownBy(read::count)
        .isInstanceOf(InputPathException.class)
        .hasMessageContaining("text: no input at " + missing)
        .hasMessageContaining("Input path does not exist");
    assertThatThrownBy(() -> CsvSource.read(ember, missing))
        .isInstanceOf(InputPathException.class)
        .hasMessageContaining("csv: no input at " + missing);
  }

  @Test
  void aGlobMatchingNothingFailsNamingTheGlob() {
    String glob = dfs.uri("/in/logs/*.parquet");

    assertThatThrownBy(() -> TextSource.read(ember, glob).collect())
        .isInstanceOf(InputPathException.class)
        .hasMessageContaining("text: no input at " + glob)
        .hasMessageContaining("matches 0 files")
        .satisfies(e -> assertThat(((InputPathException) e).path()).isEqualTo(glob));
  }

  @Test
  void emptyFilesAndDirectoriesAreEmptyDatasets() {
    assertThat(TextSource.read(ember, dfs.uri("/in/empty.txt")).count()).isZero();
    Dataset<String> emptyDir = TextSource.read(ember, dfs.uri("/in/empty-dir"));
    assertThat(emptyDir.numPartitions()).isZero();
    assertThat(emptyDir.collect()).isEmpty();

    CsvDataset csv =
        CsvSource.read(ember, dfs.uri("/in/empty-dir"), CsvOptions.builder().header(true).build());
    assertThat(csv.schema()).isEqualTo(RowSchema.allStrings(List.of("_corrupt_record")));
    assertThat(csv.count()).isZero();
    assertThat(CsvSource.read(ember, dfs.uri("/in/empty.txt")).count()).isZero();
  }

  @Test
  void subdirectoriesNeedRecursive() {
    String nested = dfs.uri("/in/nested");
    assertThatThrownBy(() -> TextSource.read(ember, nested).count())
        .isInstanceOf(InputPathException.class)
        .hasMessageContaining("contains the subdirectory " + nested + "/sub")
        .hasMessageContaining("recursive(true)");

    assertThat(
            TextSource.read(ember, nested, TextOptions.builder().recursive(true).build())
                .collect()
                .stream()
                .sorted()
                .toList())
        .containsExactly("deep", "top");
  }
}
