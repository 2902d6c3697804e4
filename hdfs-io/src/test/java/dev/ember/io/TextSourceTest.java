package dev.ember.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.base.Throwables;
import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.Partition;
import dev.ember.scheduler.TaskLocation;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.BlockLocation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading text from a MiniDFSCluster: splits, block locality, delimiters and codecs. */
class TextSourceTest {
  @TempDir static Path base;
  static MiniDfs dfs;
  static EmberSession ember;
  static List<String> lines;

  @BeforeAll
  static void start() throws Exception {
    dfs = MiniDfs.start(base);
    ember = EmberSession.builder().master("local[3]").build();
    lines = randomLines(60_000, 7);
    dfs.write("/text/big.txt", String.join("\n", lines) + "\n");
  }

  @AfterAll
  static void stop() {
    ember.close();
    dfs.close();
  }

  /** Lines of varied length (so they straddle block boundaries) with hard-to-compress content. */
  static List<String> randomLines(int count, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      StringBuilder line = new StringBuilder("line-").append(i).append(' ');
      int length = random.nextInt(100);
      for (int j = 0; j < length; j++) {
        line.append(Character.forDigit(random.nextInt(16), 16));
      }
      out.add(line.toString());
    }
    return out;
  }

  private static List<String> plainRead(String path) throws Exception {
    List<String> out = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                dfs.fs().open(new org.apache.hadoop.fs.Path(path)), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.add(line);
      }
    }
    return out;
  }

  @Test
  void linesCrossingBlockBoundariesAreReadExactlyOnce() throws Exception {
    long size = dfs.fs().getFileStatus(new org.apache.hadoop.fs.Path("/text/big.txt")).getLen();
    assertThat(size).isGreaterThan(3L * MiniDfs.BLOCK_SIZE);
    long offset = 0;
    int crossing = 0;
    for (String line : lines) {
      long end = offset + line.length() + 1;
      if (offset / MiniDfs.BLOCK_SIZE != (end - 1) / MiniDfs.BLOCK_SIZE) {
        crossing++;
      }
      offset = end;
    }
    assertThat(crossing).as("lines straddling a block boundary").isGreaterThanOrEqualTo(2);
    Dataset<String> read = TextSource.read(ember, dfs.uri("/text/big.txt"));

    assertThat(read.numPartitions()).isEqualTo((int) Math.ceil((double) size / MiniDfs.BLOCK_SIZE));
    assertThat(read.collect()).isEqualTo(plainRead("/text/big.txt")).isEqualTo(lines);
    assertThat(read.count()).isEqualTo(lines.size());
  }

  @Test
  void partitionsPreferTheHostsAndRacksOfTheirBlocks() throws Exception {
    Dataset<String> read = TextSource.read(ember, dfs.uri("/text/big.txt"));
    Set<String> allHosts = new HashSet<>();
    for (Partition p : read.partitions()) {
      FileSplitPartition split = (FileSplitPartition) p;
      BlockLocation[] blocks =
          dfs.fs()
              .getFileBlockLocations(
                  new org.apache.hadoop.fs.Path("/text/big.txt"), split.start(), split.length());
      Set<String> hosts = new HashSet<>();
      Set<String> racks = new HashSet<>();
      Map<String, String> rackByHost = new HashMap<>();
      for (BlockLocation block : blocks) {
        hosts.addAll(List.of(block.getHosts()));
        for (int i = 0; i < block.getTopologyPaths().length; i++) {
          String topology = block.getTopologyPaths()[i];
          racks.add(topology.substring(0, topology.lastIndexOf('/')));
          rackByHost.put(block.getHosts()[i], topology.substring(0, topology.lastIndexOf('/')));
        }
      }
      assertThat(split.hosts()).containsExactlyInAnyOrderElementsOf(hosts);
      assertThat(split.racks()).containsExactlyInAnyOrderElementsOf(racks);
      assertThat(read.preferredLocations(p))
          .containsExactlyElementsOf(
              split.hosts().stream().map(h -> TaskLocation.host(h, rackByHost.get(h))).toList());
      allHosts.addAll(split.hosts());
    }
    assertThat(allHosts).isSubsetOf("dn0", "dn1", "dn2").hasSizeGreaterThan(1);
  }

  @Test
  void maxSplitSizeGivesMorePartitionsWithTheSameLines() {
    Dataset<String> read =
        TextSource.read(
            ember,
            dfs.uri("/text/big.txt"),
            TextOptions.builder().maxSplitSize(256 * 1024).build());
    assertThat(read.numPartitions()).isGreaterThanOrEqualTo(13);
    assertThat(read.collect()).isEqualTo(lines);
  }

  @Test
  void minSplitSizeAndMinPartitionsFollowHadoop() {
    Dataset<String> whole =
        TextSource.read(
            ember, dfs.uri("/text/big.txt"), TextOptions.builder().minSplitSize(64L << 20).build());
    assertThat(whole.numPartitions()).isEqualTo(1);
    assertThat(whole.count()).isEqualTo(lines.size());

    Dataset<String> many =
        TextSource.read(
            ember, dfs.uri("/text/big.txt"), TextOptions.builder().minPartitions(20).build());
    assertThat(many.numPartitions()).isGreaterThanOrEqualTo(20);
    assertThat(many.collect()).isEqualTo(lines);
  }

  @Test
  void customRecordDelimiter() throws Exception {
    StringBuilder text = new StringBuilder();
    List<String> records = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      String record = "record " + i + "\nwith a line break";
      records.add(record);
      text.append(record).append("||");
    }
    dfs.write("/text/delimited.txt", text.toString());

    Dataset<String> read =
        TextSource.read(
            ember,
            dfs.uri("/text/delimited.txt"),
            TextOptions.builder().recordDelimiter("||").maxSplitSize(100_000).build());

    assertThat(read.numPartitions()).isGreaterThan(5);
    assertThat(read.collect()).isEqualTo(records);
  }

  @Test
  void gzipAndBzip2GiveTheSameLinesAsThePlainFile() throws Exception {
    dfs.writeCompressed("/codec/big.txt.gz", lines);
    dfs.writeCompressed("/codec/big.txt.bz2", lines);
    TextOptions smallSplits = TextOptions.builder().maxSplitSize(256 * 1024).build();

    Dataset<String> gzip = TextSource.read(ember, dfs.uri("/codec/big.txt.gz"), smallSplits);
    assertThat(gzip.numPartitions()).as("gzip cannot be split").isEqualTo(1);
    assertThat(gzip.collect()).isEqualTo(lines);

    long bzip2Size =
        dfs.fs().getFileStatus(new org.apache.hadoop.fs.Path("/codec/big.txt.bz2")).getLen();
    assertThat(bzip2Size).isGreaterThan(4 * 256 * 1024);
    Dataset<String> bzip2 = TextSource.read(ember, dfs.uri("/codec/big.txt.bz2"), smallSplits);
    assertThat(bzip2.numPartitions()).as("bzip2 is split").isGreaterThan(3);
    assertThat(bzip2.collect()).isEqualTo(lines);
  }

  @Test
  void snappyAndDeflateDecodeWithoutNativeLibraries() throws Exception {
    List<String> some = lines.subList(0, 5_000);
    dfs.writeCompressed("/codec/some.txt.snappy", some);
    dfs.writeCompressed("/codec/some.txt.deflate", some);

    assertThat(TextSource.read(ember, dfs.uri("/codec/some.txt.snappy")).collect()).isEqualTo(some);
    assertThat(TextSource.read(ember, dfs.uri("/codec/some.txt.deflate")).collect())
        .isEqualTo(some);
  }

  @Test
  void zstdWithoutNativeHadoopFailsNamingTheCodecAndTheFix() throws Exception {
    dfs.write("/codec/data.txt.zst", new byte[] {40, -75, 47, -3, 0});

    assertThatThrownBy(() -> TextSource.read(ember, dfs.uri("/codec/data.txt.zst")).count())
        .satisfies(
            e ->
                assertThat(messages(e))
                    .contains(
                        "cannot decompress " + dfs.uri("/codec/data.txt.zst"),
                        "ZStandardCodec",
                        "libhadoop built with zstd",
                        "java.library.path"));
  }

  @Test
  void lz4WithoutLz4JavaFailsNamingTheCodecAndTheFix() throws Exception {
    dfs.write("/codec/data.txt.lz4", new byte[] {0, 0, 0, 1, 0});

    assertThatThrownBy(() -> TextSource.read(ember, dfs.uri("/codec/data.txt.lz4")).count())
        .satisfies(
            e ->
                assertThat(messages(e))
                    .contains(
                        "cannot decompress " + dfs.uri("/codec/data.txt.lz4"),
                        "Lz4Codec",
                        "at.yawk.lz4:lz4-java"));
  }

  /** The messages of an exception and its causes, as a user sees them in a stack trace. */
  static String messages(Throwable e) {
    return Throwables.getCausalChain(e).stream()
        .map(String::valueOf)
        .collect(Collectors.joining("\n"));
  }

  @Test
  void emptyRecordDelimiterIsRejected() {
    assertThatThrownBy(() -> TextOptions.builder().recordDelimiter("").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delimiter must not be empty");
  }
}
