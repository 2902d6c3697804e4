package dev.ember.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.conf.EmberConf;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpchEtlTest {
  @TempDir static Path tpch;

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void generateTablesAtScaleFactor001() {
    List<String> args = new ArrayList<>(List.of("0.01", tpch.toString()));
    args.addAll(TpchEtl.TABLES);
    int exit =
        TpchGenerate.run(args.toArray(String[]::new), TpchEtlTest::conf, System.out, System.err);
    assertThat(exit).isZero();
  }

  @Test
  void writesRevenueByNationAndYearAsPartitionedAvroEqualToAPlainComputation() throws IOException {
    Path output = dir.resolve("revenue");

    int exit = run(tpch.toString(), output.toString());

    assertThat(exit).as("stderr: %s", err).isZero();
    Map<String, Expected> expected = reference();
    assertThat(expected).hasSizeGreaterThan(100); // 25 nations x 7 order years (1992-1998)
    Map<String, String> written = readAvro(output);
    Map<String, String> wanted = new TreeMap<>();
    expected.forEach((key, e) -> wanted.put(key, e.lineItems + " " + e.cents()));
    assertThat(written).isEqualTo(wanted);
    assertThat(output.resolve("_SUCCESS")).exists();
  }

  @Test
  void printsTheTenLargestRowsReadBackFromAvro() throws IOException {
    int exit = run(tpch.toString(), dir.resolve("revenue").toString());

    assertThat(exit).as("stderr: %s", err).isZero();
    List<String> top =
        reference().entrySet().stream()
            .sorted(
                Comparator.comparing((Map.Entry<String, Expected> e) -> e.getValue().cents())
                    .reversed())
            .limit(10)
            .map(
                e ->
                    e.getKey().replace("/", " | ")
                        + " | "
                        + e.getValue().lineItems
                        + " | "
                        + e.getValue().cents())
            .toList();
    List<String> printed = out.toString(StandardCharsets.UTF_8).lines().toList();
    int header = -1;
    for (int i = 0; i < printed.size(); i++) {
      if (printed.get(i).matches("nation +\\| order_year \\| line_items \\| revenue")) {
        header = i;
      }
    }
    assertThat(header).as("stdout: %s", out).isPositive();
    List<String> rows =
        printed.subList(header + 2, header + 12).stream()
            .map(l -> l.replaceAll(" +\\|", " |"))
            .toList();
    assertThat(rows).isEqualTo(top);
  }

  @Test
  void refusesAnExistingOutputAndAMissingTableBeforeAnyJob() throws IOException {
    Path existing = Files.createDirectories(dir.resolve("exists"));
    assertThat(run(tpch.toString(), existing.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("already exists");

    err.reset();
    assertThat(run(dir.resolve("nothing").toString(), dir.resolve("out").toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("input table")
        .contains("lineitem")
        .contains("does not exist");
  }

  private int run(String input, String output) {
    return TpchEtl.run(
        new String[] {input, output},
        TpchEtlTest::conf,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  /** Line items and exact revenue by "NATION/year", from the generated text with plain Java. */
  private static Map<String, Expected> reference() throws IOException {
    Map<Long, String> nations = new HashMap<>();
    for (String line : PartFiles.lines(tpch.resolve("nation"))) {
      String[] c = line.split("\\|");
      nations.put(Long.parseLong(c[0]), c[1]);
    }
    Map<Long, String> nationOfCustomer = new HashMap<>();
    for (String line : PartFiles.lines(tpch.resolve("customer"))) {
      String[] c = line.split("\\|");
      nationOfCustomer.put(Long.parseLong(c[0]), nations.get(Long.parseLong(c[3])));
    }
    Map<Long, String> keyOfOrder = new HashMap<>();
    for (String line : PartFiles.lines(tpch.resolve("orders"))) {
      String[] c = line.split("\\|");
      String nation = nationOfCustomer.get(Long.parseLong(c[1]));
      keyOfOrder.put(Long.parseLong(c[0]), nation + "/" + c[4].substring(0, 4));
    }
    Map<String, Expected> expected = new TreeMap<>();
    for (String line : PartFiles.lines(tpch.resolve("lineitem"))) {
      String[] c = line.split("\\|");
      BigDecimal revenue =
          new BigDecimal(c[5]).multiply(BigDecimal.ONE.subtract(new BigDecimal(c[6])));
      Expected e =
          expected.computeIfAbsent(keyOfOrder.get(Long.parseLong(c[0])), k -> new Expected());
      e.lineItems++;
      e.revenue = e.revenue.add(revenue);
    }
    return expected;
  }

  /** "NATION/year" to "lineItems revenue" of every record of every year directory. */
  private static Map<String, String> readAvro(Path output) throws IOException {
    Map<String, String> rows = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(output)) {
      files = walk.filter(p -> p.toString().endsWith(".avro")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    for (Path file : files) {
      String directory = file.getParent().getFileName().toString();
      assertThat(directory).matches("order_year=199[2-8]");
      String year = directory.substring("order_year=".length());
      File f = file.toFile();
      try (DataFileReader<GenericRecord> reader =
          new DataFileReader<>(f, new GenericDatumReader<>())) {
        for (GenericRecord r : reader) {
          String key = r.get("nation") + "/" + year;
          String value =
              r.get("line_items")
                  + " "
                  + BigDecimal.valueOf((Double) r.get("revenue")).setScale(2, RoundingMode.HALF_UP);
          assertThat(rows.put(key, value)).as("duplicate row for %s", key).isNull();
        }
      }
    }
    return rows;
  }

  private static final class Expected {
    long lineItems;
    BigDecimal revenue = BigDecimal.ZERO;

    BigDecimal cents() {
      return revenue.setScale(2, RoundingMode.HALF_UP);
    }
  }

  private static EmberConf conf() {
    return EmberConf.of(Map.of("ember.master", "local[2]", "ember.default.parallelism", "4"));
  }
}
