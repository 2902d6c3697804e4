package dev.ember.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.conf.EmberConf;
import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TpchGenerateTest {
  /** Rows at SF 0.01 per TPC-H specification clause 4.2.5 (lineitem is only approximate there). */
  private static final Map<String, Long> SPEC_ROWS_AT_SF_0_01 =
      Map.of(
          "customer", 1_500L,
          "orders", 15_000L,
          "part", 2_000L,
          "partsupp", 8_000L,
          "supplier", 100L,
          "nation", 25L,
          "region", 5L);

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void writesAllEightTablesAsTheSingleThreadedGeneratorsLinesWithTheSpecRowCounts()
      throws IOException {
    Path output = dir.resolve("sf001");

    int exit = run("0.01", output.toString());

    assertThat(exit).as("stderr: %s", err).isZero();
    for (String table : TpchGenerateArguments.allTableNames()) {
      Path tableDir = output.resolve(table);
      assertThat(tableDir.resolve("_SUCCESS")).as(table).exists();
      List<String> expected = singleThreaded(table, 0.01);
      List<String> actual = PartFiles.lines(tableDir);
      if (table.equals("lineitem")) {
        // The spec gives lineitem only as about 4 x orders; dbgen writes 60,175 rows at SF 0.01.
        assertThat(actual).hasSize(expected.size()).hasSizeBetween(55_000, 65_000);
      } else {
        assertThat(actual).as(table).hasSize(SPEC_ROWS_AT_SF_0_01.get(table).intValue());
      }
      assertThat(actual).as(table).containsExactlyInAnyOrderElementsOf(expected);
    }
    assertThat(PartFiles.names(output.resolve("lineitem")))
        .containsExactly("part-00000", "part-00001", "part-00002", "part-00003");
    assertThat(PartFiles.names(output.resolve("nation"))).containsExactly("part-00000");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Wrote lineitem (4 part files) to " + output.resolve("lineitem"));
  }

  @Test
  void writesOnlyTheNamedTablesInDbgenFormat() throws IOException {
    Path output = dir.resolve("some");

    int exit = run("0.001", output.toString(), "region", "supplier");

    assertThat(exit).as("stderr: %s", err).isZero();
    try (var files = Files.list(output)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("region", "supplier");
    }
    assertThat(PartFiles.lines(output.resolve("region")))
        .hasSize(5)
        .contains(
            "0|AFRICA|lar deposits. blithely final packages cajole. regular waters are final"
                + " requests. regular accounts are according to |");
    assertThat(PartFiles.lines(output.resolve("supplier"))).hasSize(10);
  }

  @Test
  void refusesAnExistingTableDirectoryBeforeWritingAnything() throws IOException {
    Path output = dir.resolve("tpch");
    Files.createDirectories(output.resolve("orders"));

    int exit = run("0.001", output.toString(), "lineitem", "orders");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("orders already exists; delete it or choose another output path");
    assertThat(output.resolve("lineitem")).doesNotExist();
  }

  @ParameterizedTest
  @ValueSource(strings = {"abc", "0", "-1", "NaN", "Infinity", "0.00001", "1000000"})
  void rejectsABadScaleFactorWithExitCode2(String scaleFactor) {
    int exit = run(scaleFactor, dir.resolve("x").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("scale factor")
        .contains(scaleFactor)
        .contains("usage: TpchGenerate <scaleFactor> <outputDir> [table...]");
    assertThat(dir.resolve("x")).doesNotExist();
  }

  @Test
  void rejectsAnUnknownTableNamingTheKnownOnes() {
    int exit = run("1", dir.resolve("x").toString(), "lineitems");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "unknown table 'lineitems'; the TPC-H tables are customer, orders, lineitem, part,"
                + " partsupp, supplier, nation, region");
  }

  @Test
  void rejectsTooFewArgumentsWithUsage() {
    assertThat(run("1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: TpchGenerate");
  }

  private int run(String... args) {
    EmberConf conf =
        EmberConf.of(Map.of("ember.master", "local[2]", "ember.default.parallelism", "4"));
    return TpchGenerate.run(
        args,
        () -> conf,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static List<String> singleThreaded(String table, double scaleFactor) {
    List<String> lines = new ArrayList<>();
    for (TpchEntity row : TpchTable.getTable(table).createGenerator(scaleFactor, 1, 1)) {
      lines.add(row.toLine());
    }
    return lines;
  }
}
