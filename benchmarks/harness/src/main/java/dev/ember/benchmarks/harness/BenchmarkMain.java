package dev.ember.benchmarks.harness;

import dev.ember.benchmarks.workloads.Tables;
import dev.ember.benchmarks.workloads.Workload;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs every workload on every engine, each run in a fresh JVM, engines interleaved (warm-up rounds
 * first, then N measured rounds: ember, spark, baseline, ember, spark, baseline, ...), checks that
 * all engines gave the same answer, and writes {@code results.md}, {@code chart.png}, {@code
 * runs.csv} and the JVMs' logs under {@code --out}. {@code benchmarks/run.sh} builds the classpaths
 * and calls it; see {@code benchmarks/README.md}.
 *
 * <p>Exit codes: 0 every run succeeded and the engines agree; 1 a run failed or answers differ (the
 * report is still written and says which); 2 a bad command line or a missing classpath file.
 */
public final class BenchmarkMain {
  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
      System.exit(run(options));
    } catch (IllegalArgumentException e) {
      System.err.println("BenchmarkMain: " + e.getMessage());
      System.err.println(Options.USAGE);
      System.exit(2);
    }
  }

  private static int run(Options options) throws IOException, InterruptedException {
    Path data = Path.of(options.required("data")).toAbsolutePath();
    Path out = Path.of(options.required("out")).toAbsolutePath();
    int reps = options.positive("reps", 3);
    int warmups = options.positive("warmups", 1);
    int parallelism = options.positive("parallelism", 2);
    String heap = options.get("heap", "2g");
    long timeout = options.positive("timeout-minutes", 30);
    List<String> workloads = new ArrayList<>();
    for (String id : options.list("workloads", "wordcount,q1,sort,join,cache")) {
      workloads.add(Workload.of(id).id());
    }
    List<Engine> engines = engines(options, parallelism);
    Map<String, Long> inputBytes = new LinkedHashMap<>();
    for (String id : workloads) {
      long bytes = 0;
      for (String table : Workload.of(id).tables()) {
        bytes += Tables.bytes(data, table);
      }
      inputBytes.put(id, bytes);
    }

    Path logs = out.resolve("logs");
    Files.createDirectories(logs);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String loadBefore = Machine.loadAverage();
    Results results = new Results();
    for (String workload : workloads) {
      for (int rep = 1 - warmups; rep <= reps; rep++) {
        for (Engine engine : engines) {
          String label = rep <= 0 ? "warm-up" : "rep " + rep + "/" + reps;
          Path log =
              logs.resolve(
                  workload
                      + "-"
                      + engine.name()
                      + "-"
                      + label.replace("/", "of").replace(' ', '-')
                      + ".log");
          RunResult r =
              Fork.run(
                  engine.name(),
                  workload,
                  rep,
                  engine.command(java, heap, workload, data.toString()),
                  log,
                  timeout);
          results.add(r);
          if (Files.size(log) == 0) {
            Files.delete(log); // keep only the logs that say something
          }
          System.out.printf(
              Locale.ROOT,
              "%-9s %-8s %-8s %s%n",
              workload,
              label,
              engine.name(),
              r.succeeded()
                  ? String.format(
                      Locale.ROOT,
                      "job %6.2f s  wall %6.2f s  %s",
                      r.jobMillis() / 1000.0,
                      r.wallMillis() / 1000.0,
                      r.answer().length() > 60 ? r.answer().substring(0, 60) + "..." : r.answer())
                  : "FAILED (exit " + r.exitCode() + "), see " + log);
        }
      }
      if (!results.valid(workload)) {
        System.out.println(
            workload + ": " + (results.allSucceeded(workload) ? "ANSWERS DIFFER" : "a run failed"));
      }
    }
    String loadAfter = Machine.loadAverage();

    Properties versions = versions();
    Map<String, String> setup = new LinkedHashMap<>();
    setup.put("date (UTC)", LocalDate.now(ZoneOffset.UTC).toString());
    setup.put(
        "data",
        "TPC-H scale factor "
            + options.get("scale-factor", "?")
            + " from Ember's TpchGenerate, pipe-delimited text, page cache warm");
    setup.put(
        "method",
        warmups
            + " warm-up round(s), then "
            + reps
            + " measured rounds; in each round the engines run one after the other"
            + " (interleaved); every run is a fresh JVM with -Xms"
            + heap
            + " -Xmx"
            + heap);
    setup.put(
        "parallelism", "local[" + parallelism + "] for the engines; the baseline is 1 thread");
    setup.put(
        "Ember",
        versions.getProperty("ember.version", "?")
            + " (commit "
            + options.get("ember-commit", "?")
            + "), Kryo records, default configuration");
    setup.put(
        "Spark",
        reportedVersion(results, "spark").orElse(versions.getProperty("spark.version", "?"))
            + " (spark-core_2.13, RDD API), spark.serializer=Kryo, spark.ui.enabled=false, other"
            + " settings default");
    setup.put("JDK", Machine.jdk());
    setup.put("OS", Machine.os());
    setup.put("CPU", Machine.cpuModel() + ", " + Machine.cores() + " cores");
    setup.put("memory", Machine.memory());
    setup.put(
        "load average (1/5/15 min)",
        "before "
            + loadBefore
            + ", after "
            + loadAfter
            + " (a shared machine: other processes ran)");

    List<String> engineNames = new ArrayList<>();
    Map<String, Integer> cores = new LinkedHashMap<>();
    for (Engine e : engines) {
      engineNames.add(e.name());
      cores.put(e.name(), e.cores());
    }
    String title =
        "Ember vs Apache Spark, TPC-H SF "
            + options.get("scale-factor", "?")
            + ", local["
            + parallelism
            + "]";
    Chart.write(
        results, engineNames, workloads, title + ": median job time", out.resolve("chart.png"));
    Files.writeString(
        out.resolve("results.md"),
        MarkdownReport.render(
            title, setup, results, engineNames, workloads, inputBytes, cores, "ember", "chart.png"),
        StandardCharsets.UTF_8);
    Files.writeString(out.resolve("runs.csv"), RunsCsv.render(results), StandardCharsets.UTF_8);
    System.out.println("Wrote " + out.resolve("results.md") + " and " + out.resolve("chart.png"));
    boolean ok = workloads.stream().allMatch(results::valid);
    return ok ? 0 : 1;
  }

  private static List<Engine> engines(Options options, int parallelism) throws IOException {
    List<Engine> engines = new ArrayList<>();
    for (String name : options.list("engines", "ember,spark,baseline")) {
      switch (name) {
        case "ember":
          engines.add(
              new Engine(
                  "ember",
                  classpath(options, "ember-cp"),
                  "dev.ember.benchmarks.ember.EmberJobs",
                  List.of(),
                  parallelism));
          break;
        case "spark":
          engines.add(
              new Engine(
                  "spark",
                  classpath(options, "spark-cp"),
                  "dev.ember.benchmarks.spark.SparkJobs",
                  Engine.sparkJavaModuleOptions(),
                  parallelism));
          break;
        case "baseline":
          engines.add(
              new Engine(
                  "baseline",
                  classpath(options, "baseline-cp"),
                  "dev.ember.benchmarks.workloads.Baseline",
                  List.of(),
                  1));
          break;
        default:
          throw new IllegalArgumentException(
              "unknown engine '" + name + "' in --engines; use ember, spark, baseline");
      }
    }
    return engines;
  }

  /** The version the engine's JVMs printed, e.g. {@code Spark 4.0.1}. */
  private static Optional<String> reportedVersion(Results results, String engine) {
    return results.all().stream()
        .filter(r -> r.engine().equals(engine) && r.report().containsKey("version"))
        .map(r -> r.report().get("version"))
        .findFirst();
  }

  private static String classpath(Options options, String option) throws IOException {
    Path file = Path.of(options.required(option));
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(
          "--" + option + " " + file + " does not exist; build with benchmarks/run.sh");
    }
    return Files.readString(file, StandardCharsets.UTF_8).trim();
  }

  private static Properties versions() {
    Properties p = new Properties();
    try (InputStream in =
        BenchmarkMain.class.getResourceAsStream("/benchmark-versions.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }
}
