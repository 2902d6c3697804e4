package dev.ember.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.conf.EmberConf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TpchQ1Test {
  private static final String HEADER =
      "l_returnflag,l_linestatus,sum_qty,sum_base_price,sum_disc_price,sum_charge,"
          + "avg_qty,avg_price,avg_disc,count_order";
  private static final BigDecimal ZERO = BigDecimal.ZERO;

  @TempDir static Path shared;
  private static Path lineitem;

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeAll
  static void generateLineitemAtScaleFactor001() {
    int exit =
        TpchGenerate.run(
            new String[] {"0.01", shared.toString(), "lineitem"},
            TpchQ1Test::conf,
            System.out,
            System.err);
    assertThat(exit).isZero();
    lineitem = shared.resolve("lineitem");
  }

  @Test
  void equalsAStraightforwardSingleThreadedComputationOnGeneratedData() throws IOException {
    Path output = dir.resolve("q1");

    int exit = run(lineitem.toString(), output.toString());

    assertThat(exit).as("stderr: %s", err).isZero();
    List<String> expected = reference(PartFiles.lines(lineitem));
    assertThat(expected).hasSize(5); // header and the four flag/status groups
    assertThat(PartFiles.names(output)).containsExactly("part-00000");
    assertThat(output.resolve("_SUCCESS")).exists();
    assertThat(Files.readAllLines(output.resolve("part-00000"))).isEqualTo(expected);
    // Standard output shows the same table: header, a rule, then the rows, cells split by '|'.
    // Job summaries (JobReport: "[job-N] ..." and indented stage lines) come first.
    List<String> printed =
        out.toString(StandardCharsets.UTF_8)
            .lines()
            .filter(l -> !l.startsWith("[job-") && !l.startsWith("    "))
            .toList();
    assertThat(printed).hasSize(expected.size() + 1);
    assertThat(printed.get(1)).matches("[-+]+");
    for (int i = 0; i < expected.size(); i++) {
      String shown = printed.get(i == 0 ? 0 : i + 1);
      assertThat(Arrays.stream(shown.split("\\|")).map(String::strip))
          .containsExactly(expected.get(i).split(","));
    }
  }

  @Test
  void keepsRowsShippedUpToNinetyDaysBeforeDecemberFirstAndRoundsHalfUp() throws IOException {
    Path input = dir.resolve("lineitem.tbl");
    Files.write(
        input,
        List.of(
            line("1", "1000.05", "0.05", "0.08", "R", "F", "1998-09-02"),
            line("2", "2000.00", "0.00", "0.00", "R", "F", "1995-01-01"),
            line("3", "3000.00", "0.10", "0.02", "A", "F", "1998-09-03"),
            line("4", "0.01", "0.01", "0.00", "A", "F", "1992-01-02")));
    Path output = dir.resolve("q1");

    int exit = run(input.toString(), output.toString());

    assertThat(exit).as("stderr: %s", err).isZero();
    // R/F: disc_price 950.0475 + 2000 = 2950.0475 -> 2950.05; charge 1026.05130 + 2000 ->
    // 3026.05; avg_qty 1.5 -> 1.50; avg_price 1500.025 -> 1500.03; avg_disc 0.025 -> 0.03.
    // A/F: the 1998-09-03 row is after the cut-off; 0.01 * 0.99 = 0.0099 -> 0.01.
    assertThat(Files.readAllLines(output.resolve("part-00000")))
        .containsExactly(
            HEADER,
            "A,F,4.00,0.01,0.01,0.01,4.00,0.01,0.01,1",
            "R,F,3.00,3000.05,2950.05,3026.05,1.50,1500.03,0.03,2");
  }

  @Test
  void refusesAnExistingOutputWithExitCode2() throws IOException {
    Path output = Files.createDirectories(dir.resolve("q1"));

    int exit = run(lineitem.toString(), output.toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("q1 already exists");
    assertThat(PartFiles.names(output)).isEmpty();
  }

  @Test
  void reportsAMissingInputWithExitCode2() {
    int exit = run(dir.resolve("nope").toString(), dir.resolve("q1").toString());

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope");
    assertThat(dir.resolve("q1")).doesNotExist();
  }

  @Test
  void failsWithExitCode1QuotingAMalformedLine() throws IOException {
    Path input = dir.resolve("bad.tbl");
    Files.write(input, List.of("1|2|3|not lineitem"));

    int exit = run(input.toString(), dir.resolve("q1").toString());

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("lineitem line has 4 columns, expected 16")
        .contains("1|2|3|not lineitem");
  }

  @Test
  void rejectsAWrongNumberOfArgumentsWithUsage() {
    assertThat(run("only-input")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("usage: TpchQ1 <lineitem path> <output directory>");
  }

  private int run(String... args) {
    return TpchQ1.run(
        args,
        TpchQ1Test::conf,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private static EmberConf conf() {
    return EmberConf.of(Map.of("ember.master", "local[2]", "ember.default.parallelism", "4"));
  }

  private static String line(
      String quantity,
      String price,
      String discount,
      String tax,
      String flag,
      String status,
      String shipDate) {
    return String.join(
        "|",
        "1",
        "2",
        "3",
        "1",
        quantity,
        price,
        discount,
        tax,
        flag,
        status,
        shipDate,
        "1998-01-01",
        "1998-01-02",
        "NONE",
        "MAIL",
        "a comment",
        "");
  }

  /** Query 1 computed row by row with BigDecimal, as a reader of the SQL would compute it. */
  private static List<String> reference(List<String> lines) {
    Map<String, BigDecimal[]> sums = new TreeMap<>();
    for (String line : lines) {
      String[] c = line.split("\\|");
      if (c[10].compareTo("1998-09-02") > 0) {
        continue;
      }
      BigDecimal quantity = new BigDecimal(c[4]);
      BigDecimal price = new BigDecimal(c[5]);
      BigDecimal discount = new BigDecimal(c[6]);
      BigDecimal tax = new BigDecimal(c[7]);
      BigDecimal discounted = price.multiply(BigDecimal.ONE.subtract(discount));
      BigDecimal charge = discounted.multiply(BigDecimal.ONE.add(tax));
      BigDecimal[] s =
          sums.computeIfAbsent(
              c[8] + "," + c[9], k -> new BigDecimal[] {ZERO, ZERO, ZERO, ZERO, ZERO, ZERO});
      BigDecimal[] row = {quantity, price, discounted, charge, discount, BigDecimal.ONE};
      for (int i = 0; i < s.length; i++) {
        s[i] = s[i].add(row[i]);
      }
    }
    List<String> out = new ArrayList<>();
    out.add(HEADER);
    sums.forEach(
        (group, s) ->
            out.add(
                String.join(
                    ",",
                    group,
                    round(s[0]),
                    round(s[1]),
                    round(s[2]),
                    round(s[3]),
                    avg(s[0], s[5]),
                    avg(s[1], s[5]),
                    avg(s[4], s[5]),
                    s[5].toPlainString())));
    return out;
  }

  private static String round(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String avg(BigDecimal sum, BigDecimal count) {
    return sum.divide(count, 2, RoundingMode.HALF_UP).toPlainString();
  }
}
