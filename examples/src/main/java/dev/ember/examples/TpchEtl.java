package dev.ember.examples;

import dev.ember.Broadcast;
import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.Pair;
import dev.ember.PairDataset;
import dev.ember.conf.ConfigException;
import dev.ember.conf.EmberConf;
import dev.ember.io.AvroSink;
import dev.ember.io.AvroSource;
import dev.ember.io.AvroWriteOptions;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A nightly-ETL-shaped job on TPC-H data: {@code TpchEtl <inputDir> <outputDir>} reads {@code
 * lineitem}, {@code orders}, {@code customer} and {@code nation} as {@link TpchGenerate} writes
 * them ({@code <inputDir>/<table>/part-NNNNN}, dbgen's pipe-delimited text), computes the revenue
 * {@code sum(l_extendedprice * (1 - l_discount))} and the number of line items per customer nation
 * and order year, writes the result as Avro ({@link #SCHEMA}) partitioned by year into {@code
 * <outputDir>/order_year=YYYY/part-NNNNN.avro}, then reads the Avro back and prints the ten rows
 * with the largest revenue as a table.
 *
 * <p>The plan: line items are summed per order first (a shuffle that shrinks them about fourfold),
 * joined with orders on the order key, then with customers on the customer key (two shuffle joins);
 * the 25-row nation table is collected on the driver and shipped as a broadcast variable (a
 * map-side join, Spark's broadcast hash join); a last {@code reduceByKey} aggregates per nation and
 * year. Revenue is exact: prices in cents times {@code 100 - discount%}, i.e. in units of 1/10,000,
 * summed as {@code long}s, rounded half-up to cents only when written ({@code revenue} is a
 * double).
 *
 * <p>Paths are Hadoop paths or URIs ({@code hdfs:///tpch}, {@code /tmp/tpch}). The session's master
 * and options come from the launcher ({@code ember-submit --master ... --conf ...}, or {@code
 * -Dember.*} with {@code scripts/run-example}); {@code main} returns normally on success, so it can
 * run as the driver inside an ApplicationMaster.
 *
 * <p>Exit codes: 0 success; 2 bad arguments or configuration, a missing input table or an existing
 * output (checked before any job runs); 1 job failure, e.g. a malformed line (the message quotes
 * it).
 */
public final class TpchEtl {
  /** The Avro schema of the written rows; {@code order_year} becomes the directory name. */
  static final Schema SCHEMA =
      SchemaBuilder.record("NationYearRevenue")
          .namespace("dev.ember.examples")
          .fields()
          .requiredString("nation")
          .requiredInt("order_year")
          .requiredLong("line_items")
          .requiredDouble("revenue")
          .endRecord();

  static final String YEAR_FIELD = "order_year";
  static final List<String> TABLES = List.of("lineitem", "orders", "customer", "nation");
  private static final int TOP = 10;

  private TpchEtl() {}

  public static void main(String[] args) {
    int exit = run(args, ExampleConf::load, System.out, System.err);
    if (exit != 0) {
      System.exit(exit);
    }
  }

  /**
   * Runs the command line {@code args} and returns its exit code, printing progress and the top
   * rows to {@code out} and errors to {@code err}.
   *
   * @param conf the session's configuration, loaded only once the arguments are valid
   */
  static int run(String[] args, Supplier<EmberConf> conf, PrintStream out, PrintStream err) {
    if (args.length != 2) {
      err.println("usage: TpchEtl <input directory (TpchGenerate's output)> <output directory>");
      return 2;
    }
    try (EmberSession ember = EmberSession.builder().appName("TpchEtl").conf(conf.get()).build()) {
      JobReport.printTo(ember, out);
      for (String table : TABLES) {
        requireTable(ember, args[0], table);
      }
      OutputCheck.requireAbsent(ember, args[1]);
      long written = write(ember, args[0], args[1]);
      out.println(
          "Wrote " + written + " rows as Avro partitioned by " + YEAR_FIELD + " to " + args[1]);
      List<NationYearRevenue> top = readTop(ember, args[1], TOP);
      out.println("Top " + top.size() + " nations and years by revenue (read back from Avro):");
      out.print(
          TextTable.format(
              NationYearRevenue.HEADER, top.stream().map(NationYearRevenue::cells).toList()));
      return 0;
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("TpchEtl: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("TpchEtl failed: " + e.getMessage());
      return 1;
    }
  }

  /**
   * Computes revenue by nation and order year and writes it as Avro under {@code outputDir}.
   *
   * @return the number of rows written (nations x years present in the data)
   * @throws dev.ember.JobFailedException if a task fails, e.g. on a malformed line
   */
  static long write(EmberSession ember, String inputDir, String outputDir) {
    int parallelism = ember.defaultParallelism();
    PairDataset<Long, Revenue> revenueByOrder =
        ember
            .textFile(table(inputDir, "lineitem"), parallelism)
            .mapToPair(
                line -> {
                  String[] c = columns(line, "lineitem", 16);
                  return Pair.of(
                      parseLong(c[0], line),
                      new Revenue(1, revenueTenThousandths(c[5], c[6], line)));
                })
            .reduceByKey(Revenue::plus);
    PairDataset<Long, Pair<Long, Integer>> customerAndYearByOrder =
        ember
            .textFile(table(inputDir, "orders"), parallelism)
            .mapToPair(
                line -> {
                  String[] c = columns(line, "orders", 9);
                  return Pair.of(
                      parseLong(c[0], line), Pair.of(parseLong(c[1], line), year(c[4], line)));
                });
    PairDataset<Long, Long> nationByCustomer =
        ember
            .textFile(table(inputDir, "customer"), parallelism)
            .mapToPair(
                line -> {
                  String[] c = columns(line, "customer", 8);
                  return Pair.of(parseLong(c[0], line), parseLong(c[3], line));
                });
    Broadcast<Map<Long, String>> nations = ember.broadcast(nationNames(ember, inputDir));

    Dataset<GenericRecord> rows =
        revenueByOrder
            .join(customerAndYearByOrder)
            .dataset()
            .mapToPair(
                e ->
                    Pair.of(
                        e.value().value().key(),
                        Pair.of(e.value().value().value(), e.value().key())))
            .join(nationByCustomer)
            .dataset()
            .mapToPair(
                e -> {
                  Pair<Integer, Revenue> yearAndRevenue = e.value().key();
                  String nation = nations.value().get(e.value().value());
                  if (nation == null) {
                    throw new IllegalArgumentException(
                        "customer "
                            + e.key()
                            + " has nation key "
                            + e.value().value()
                            + ", which the nation table does not have");
                  }
                  return Pair.of(
                      new NationYear(nation, yearAndRevenue.key()), yearAndRevenue.value());
                })
            .reduceByKey(Revenue::plus)
            .dataset()
            .map(e -> toRecord(e.key(), e.value()));
    return AvroSink.save(
        rows,
        SCHEMA,
        outputDir,
        AvroWriteOptions.defaults().withCodec("deflate").withPartitionBy(List.of(YEAR_FIELD)));
  }

  /**
   * Reads the Avro written by {@link #write} back, one dataset per {@code order_year=} directory
   * (the year is in the directory name, not in the files), and returns the {@code n} rows with the
   * largest revenue, largest first.
   */
  static List<NationYearRevenue> readTop(EmberSession ember, String outputDir, int n) {
    Dataset<NationYearRevenue> all = null;
    for (FileStatus dir : yearDirectories(ember, outputDir)) {
      String name = dir.getPath().getName();
      int year = Integer.parseInt(name.substring(YEAR_FIELD.length() + 1));
      Dataset<NationYearRevenue> rows =
          AvroSource.read(ember, dir.getPath().toString())
              .map(
                  r ->
                      new NationYearRevenue(
                          r.get("nation").toString(),
                          year,
                          (Long) r.get("line_items"),
                          (Double) r.get("revenue")));
      all = all == null ? rows : all.union(rows);
    }
    if (all == null) {
      return List.of();
    }
    return all.top(n, TpchEtl::compareByRevenue);
  }

  private static int compareByRevenue(NationYearRevenue a, NationYearRevenue b) {
    int byRevenue = Double.compare(a.revenue(), b.revenue());
    if (byRevenue != 0) {
      return byRevenue;
    }
    // Ties (equal revenue) in a fixed order, so that the printed table is deterministic.
    int byNation = b.nation().compareTo(a.nation());
    return byNation != 0 ? byNation : Integer.compare(b.year(), a.year());
  }

  private static List<FileStatus> yearDirectories(EmberSession ember, String outputDir) {
    Path pattern = new Path(outputDir, YEAR_FIELD + "=*");
    try {
      FileSystem fs = pattern.getFileSystem(ember.hadoopConfiguration());
      FileStatus[] found = fs.globStatus(pattern);
      List<FileStatus> dirs = new ArrayList<>();
      for (FileStatus status : found == null ? new FileStatus[0] : found) {
        if (status.isDirectory()) {
          dirs.add(status);
        }
      }
      dirs.sort((a, b) -> a.getPath().getName().compareTo(b.getPath().getName()));
      return dirs;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + pattern, e);
    }
  }

  private static Map<Long, String> nationNames(EmberSession ember, String inputDir) {
    Map<Long, String> names = new HashMap<>();
    for (String line : ember.textFile(table(inputDir, "nation"), 1).collect()) {
      String[] c = columns(line, "nation", 4);
      names.put(parseLong(c[0], line), c[1]);
    }
    return names;
  }

  private static GenericRecord toRecord(NationYear key, Revenue revenue) {
    GenericRecord record = new GenericData.Record(SCHEMA);
    record.put("nation", key.nation());
    record.put(YEAR_FIELD, key.year());
    record.put("line_items", revenue.lineItems());
    record.put("revenue", revenue.toCents().doubleValue());
    return record;
  }

  private static void requireTable(EmberSession ember, String inputDir, String table) {
    Path path = new Path(table(inputDir, table));
    try {
      FileSystem fs = path.getFileSystem(ember.hadoopConfiguration());
      if (!fs.exists(path)) {
        throw new IllegalArgumentException(
            "input table "
                + fs.makeQualified(path)
                + " does not exist; generate it with: TpchGenerate <scaleFactor> "
                + inputDir
                + " "
                + String.join(" ", TABLES));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check input " + path, e);
    }
  }

  private static String table(String inputDir, String table) {
    return new Path(inputDir, table).toString();
  }

  /** Splits a dbgen line ({@code a|b|c|}, trailing separator optional) into its columns. */
  static String[] columns(String line, String table, int expected) {
    String[] columns = line.split("\\|");
    if (columns.length != expected) {
      throw new IllegalArgumentException(
          table
              + " line has "
              + columns.length
              + " columns, expected "
              + expected
              + " separated by '|': "
              + line);
    }
    return columns;
  }

  private static long parseLong(String text, String line) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed key '" + text + "' in line: " + line, e);
    }
  }

  /** {@code price * (1 - discount)} in units of 1/10,000, exactly. */
  static long revenueTenThousandths(String price, String discount, String line) {
    try {
      long cents = new BigDecimal(price).movePointRight(2).longValueExact();
      long discountPercent = new BigDecimal(discount).movePointRight(2).longValueExact();
      return Math.multiplyExact(cents, 100 - discountPercent);
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException(
          "lineitem line has a malformed price or discount (" + e.getMessage() + "): " + line, e);
    }
  }

  private static int year(String date, String line) {
    if (date.length() != 10 || date.charAt(4) != '-') {
      throw new IllegalArgumentException(
          "orders line has a malformed o_orderdate '" + date + "': " + line);
    }
    return Integer.parseInt(date.substring(0, 4));
  }

  /** Line items and their revenue in units of 1/10,000; a value of a {@code reduceByKey}. */
  record Revenue(long lineItems, long tenThousandths) {
    Revenue plus(Revenue other) {
      return new Revenue(lineItems + other.lineItems, tenThousandths + other.tenThousandths);
    }

    BigDecimal toCents() {
      return BigDecimal.valueOf(tenThousandths, 4).setScale(2, RoundingMode.HALF_UP);
    }
  }

  /** The grouping key of the result. */
  record NationYear(String nation, int year) {}

  /** One result row as read back from Avro. */
  record NationYearRevenue(String nation, int year, long lineItems, double revenue) {
    static final List<String> HEADER = List.of("nation", YEAR_FIELD, "line_items", "revenue");

    List<String> cells() {
      return Arrays.asList(
          nation,
          Integer.toString(year),
          Long.toString(lineItems),
          BigDecimal.valueOf(revenue).setScale(2, RoundingMode.HALF_UP).toPlainString());
    }
  }
}
