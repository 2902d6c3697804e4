package dev.ember.examples;

import dev.ember.EmberSession;
import dev.ember.Pair;
import dev.ember.conf.ConfigException;
import dev.ember.conf.EmberConf;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * TPC-H query 1, the pricing summary report, with the dataset API: {@code TpchQ1 <lineitemPath>
 * <outputPath>} reads {@code lineitem} as dbgen's pipe-delimited text (a file, directory or glob,
 * e.g. the output of {@link TpchGenerate}), keeps the rows shipped on or before 1998-12-01 minus 90
 * days (the specification's validation value of DELTA), sums and averages per {@code (l_returnflag,
 * l_linestatus)}, and writes a CSV file with the header {@value PricingSummary#CSV_HEADER}, sorted
 * by return flag then line status. The table is printed to standard output as well, after a summary
 * of each job ({@link JobReport}).
 *
 * <p>Arithmetic is exact ({@link PricingSummary}); sums and averages are rounded half-up to 2
 * decimals only when written.
 *
 * <p>The output is one part file, {@code <outputPath>/part-00000}, beside {@code _SUCCESS}: the
 * result has at most one row per flag and status pair (four in TPC-H data), so the driver collects
 * it, sorts it and saves it as a one-partition dataset. That keeps the header first without a
 * special first partition, and still commits through {@code saveAsTextFile}'s output committer.
 *
 * <p>At SF 1 the output should equal the specification's answer kept in {@code
 * examples/tpch/q1-sf1-answer.csv}: {@code scripts/run-example TpchGenerate 1 /tmp/sf1 lineitem &&
 * scripts/run-example TpchQ1 /tmp/sf1/lineitem /tmp/q1 && diff /tmp/q1/part-00000
 * examples/tpch/q1-sf1-answer.csv}.
 *
 * <p>Exit codes: 0 success; 2 bad arguments or configuration, a missing input or an existing output
 * (checked before the job runs); 1 job failure, e.g. a malformed lineitem line (the message quotes
 * it).
 */
public final class TpchQ1 {
  /** {@code date '1998-12-01' - interval '90' day}. */
  static final LocalDate SHIP_DATE_CUTOFF = LocalDate.of(1998, 12, 1).minusDays(90);

  private TpchQ1() {}

  /**
   * Runs the command line; returns normally on success (so that it can run as the driver in an
   * ApplicationMaster, where {@code System.exit} would end the application) and exits the JVM with
   * the exit code otherwise.
   */
  public static void main(String[] args) {
    int exit = run(args, ExampleConf::load, System.out, System.err);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * Runs the command line {@code args} and returns its exit code, printing the result table to
   * {@code out} and errors to {@code err}.
   *
   * @param conf the session's configuration, loaded only once the arguments are valid
   */
  static int run(String[] args, Supplier<EmberConf> conf, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println("usage: TpchQ1 <lineitem path> <output directory>");
      return 2;
    }
    try (EmberSession ember = EmberSession.builder().appName("TpchQ1").conf(conf.get()).build()) {
      JobReport.printTo(ember, out);
      OutputCheck.requireAbsent(ember, args[1]);
      List<List<String>> rows = query(ember, args[0]);
      save(ember, rows, args[1]);
      out.print(TextTable.format(header(), rows));
      return 0;
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("TpchQ1: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("TpchQ1 failed: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Computes query 1 over the lineitem text at {@code lineitemPath}.
   *
   * @return the result rows in query order, each the ten output columns as written
   * @throws IllegalArgumentException if {@code lineitemPath} does not exist
   * @throws dev.ember.JobFailedException if a task fails, e.g. on a malformed line
   */
  static List<List<String>> query(EmberSession ember, String lineitemPath) {
    List<Pair<Q1Group, PricingSummary>> groups =
        ember
            .textFile(lineitemPath, ember.defaultParallelism())
            .map(Q1LineItem::parse)
            .filter(item -> !item.shipDate().isAfter(SHIP_DATE_CUTOFF))
            .mapToPair(item -> Pair.of(Q1Group.of(item), PricingSummary.of(item)))
            .reduceByKey(PricingSummary::plus)
            .collect();
    List<Pair<Q1Group, PricingSummary>> sorted = new ArrayList<>(groups);
    sorted.sort(Comparator.comparing(Pair::key));
    List<List<String>> rows = new ArrayList<>();
    for (Pair<Q1Group, PricingSummary> group : sorted) {
      List<String> row = new ArrayList<>();
      row.add(group.key().returnFlag());
      row.add(group.key().lineStatus());
      row.addAll(group.value().csvColumns());
      rows.add(List.copyOf(row));
    }
    return List.copyOf(rows);
  }

  private static void save(EmberSession ember, List<List<String>> rows, String outputPath) {
    List<String> lines = new ArrayList<>();
    lines.add(PricingSummary.CSV_HEADER);
    for (List<String> row : rows) {
      lines.add(String.join(",", row));
    }
    ember.parallelize(lines, 1).saveAsTextFile(outputPath);
  }

  private static List<String> header() {
    return List.of(PricingSummary.CSV_HEADER.split(","));
  }
}
