package dev.ember.benchmarks.harness;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/**
 * The YARN benchmark's report: {@code results.md} (setup, machine, per-engine submit-to-exit times,
 * each Ember variant's ratio to each peer pair by pair, the targets, each Ember variant's start-up
 * split, the answers), {@code chart.png} (XChart) and {@code runs.csv}. A workload's times are
 * reported only if every run of every engine (warm-ups too) exited 0 and wrote the same answer.
 */
final class YarnReport {
  private final Map<String, String> options;
  private final List<String> engines;
  private final List<String> workloads;
  private final List<YarnRun> runs;
  private final Map<String, String> answers;
  private final Path logs;
  private final String loadBefore;
  private final String loadAfter;

  YarnReport(
      Map<String, String> options,
      List<String> engines,
      List<String> workloads,
      List<YarnRun> runs,
      Map<String, String> answers,
      Path logs,
      String loadBefore,
      String loadAfter) {
    this.options = Map.copyOf(options);
    this.engines = List.copyOf(engines);
    this.workloads = List.copyOf(workloads);
    this.runs = List.copyOf(runs);
    this.answers = Map.copyOf(answers);
    this.logs = logs;
    this.loadBefore = loadBefore;
    this.loadAfter = loadAfter;
  }

  boolean allValid() {
    return workloads.stream().allMatch(this::valid);
  }

  /** Every run exited 0 and all answers are one and the same, none missing. */
  boolean valid(String workload) {
    return runsOf(workload).stream().allMatch(r -> r.exitCode() == 0)
        && distinctAnswers(workload).size() == 1
        && !distinctAnswers(workload).iterator().next().startsWith("MISSING");
  }

  private Set<String> distinctAnswers(String workload) {
    Set<String> distinct = new LinkedHashSet<>();
    for (YarnRun r : runsOf(workload)) {
      distinct.add(answers.getOrDefault(r.answerPath(), "MISSING"));
    }
    return distinct;
  }

  private List<YarnRun> runsOf(String workload) {
    return runs.stream().filter(r -> r.workload().equals(workload)).toList();
  }

  private List<YarnRun> measured(String engine, String workload) {
    return runs.stream()
        .filter(r -> r.engine().equals(engine) && r.workload().equals(workload) && !r.warmup())
        .toList();
  }

  private Optional<Stats> seconds(String engine, String workload) {
    List<Double> s = measured(engine, workload).stream().map(r -> r.wallMillis() / 1000.0).toList();
    return s.isEmpty() ? Optional.empty() : Optional.of(Stats.of(s));
  }

  /**
   * The Ember variants among the engines ({@code ember}, {@code ember-driver-executor}), in order.
   */
  private List<String> embers() {
    return engines.stream().filter(YarnReport::isEmber).toList();
  }

  /** The engines that are not Ember, in order. */
  private List<String> peers() {
    return engines.stream().filter(e -> !isEmber(e)).toList();
  }

  private static boolean isEmber(String engine) {
    return engine.equals(YarnCommands.EMBER) || engine.equals(YarnCommands.EMBER_DRIVER_EXECUTOR);
  }

  /** {@code engine}'s time over {@code peer}'s, pair by pair within a measured round. */
  Optional<Stats> ratio(String engine, String peer, String workload) {
    Map<Integer, YarnRun> other = new java.util.HashMap<>();
    for (YarnRun r : measured(peer, workload)) {
      other.put(r.round(), r);
    }
    List<Double> ratios = new ArrayList<>();
    for (YarnRun r : measured(engine, workload)) {
      YarnRun o = other.get(r.round());
      if (o != null && o.wallMillis() > 0) {
        ratios.add((double) r.wallMillis() / o.wallMillis());
      }
    }
    return ratios.isEmpty() ? Optional.empty() : Optional.of(Stats.of(ratios));
  }

  void write(Path out) throws IOException {
    writeCsv(out.resolve("runs.csv"));
    writeChart(out.resolve("chart.png"));
    try (PrintWriter w =
        new PrintWriter(
            Files.newBufferedWriter(out.resolve("results.md"), StandardCharsets.UTF_8))) {
      markdown(w);
    }
  }

  private void writeCsv(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("engine,workload,round,warmup,exit_code,submit_to_exit_ms,start,answer");
    for (YarnRun r : runs) {
      lines.add(
          String.join(
              ",",
              r.engine(),
              r.workload(),
              Integer.toString(r.round()),
              Boolean.toString(r.warmup()),
              Integer.toString(r.exitCode()),
              Long.toString(r.wallMillis()),
              r.start().toString(),
              "\"" + answers.getOrDefault(r.answerPath(), "MISSING").replace("\"", "'") + "\""));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private void writeChart(Path file) throws IOException {
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(1000)
            .height(560)
            .title(
                "Submit-to-exit on YARN (cluster deploy mode), median of "
                    + options.getOrDefault("reps", "3"))
            .xAxisTitle("workload")
            .yAxisTitle("median submit-to-exit (s), lower is better")
            .build();
    chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setDecimalPattern("0.0");
    for (String engine : engines) {
      List<Double> y = new ArrayList<>();
      for (String workload : workloads) {
        y.add(valid(workload) ? seconds(engine, workload).map(Stats::median).orElse(0.0) : 0.0);
      }
      chart.addSeries(engineName(engine), workloads, y);
    }
    String name = file.toString();
    BitmapEncoder.saveBitmap(
        chart, name.substring(0, name.length() - 4), BitmapEncoder.BitmapFormat.PNG);
  }

  private String engineName(String engine) {
    switch (engine) {
      case YarnCommands.EMBER:
        return "Ember " + options.getOrDefault("ember-version", "");
      case YarnCommands.EMBER_DRIVER_EXECUTOR:
        return "Ember "
            + options.getOrDefault("ember-version", "")
            + ", "
            + YarnCommands.DRIVER_EXECUTOR_CONF;
      case "mapreduce":
        return "Hadoop MapReduce " + options.getOrDefault("hadoop-version", "");
      case "spark":
        return "Spark on YARN " + options.getOrDefault("spark-version", "");
      default:
        return engine;
    }
  }

  private void markdown(PrintWriter w) {
    w.println("# Ember vs Hadoop MapReduce vs Spark on YARN (submit-to-exit)");
    w.println();
    w.println("## Setup");
    w.println();
    w.printf(
        "- Workloads: %s on TPC-H `lineitem` SF %s in HDFS (trivial: count of a 10-element"
            + " dataset; MapReduce: a map-only job over a 10-line file).%n",
        String.join(", ", workloads), options.getOrDefault("scale-factor", "0.1"));
    w.printf(
        "- %s warm-up round(s) (not reported), then %s measured rounds; in each round the engines"
            + " run one after the other (%s). Ratios are computed round by round.%n",
        options.getOrDefault("warmups", "1"),
        options.getOrDefault("reps", "3"),
        String.join(", ", engines));
    if (options.getOrDefault("warmups", "1").equals("0")) {
      w.println(
          "- **No warm-up round:** the first submission of the run met a freshly started cluster"
              + " (cold HDFS and NodeManager, cold page cache for the jars), which penalizes the"
              + " engine that runs first in round 1.");
    }
    w.println(
        "- **submit-to-exit** = the submitting process (ember-submit; the MapReduce client main;"
            + " SparkSubmit) from its start to its exit, as the harness sees it: client JVM start,"
            + " staging, the ApplicationMaster, executors/tasks, the job, the answer written to"
            + " HDFS, and the client noticing the end.");
    w.println(
        "- Resources: Ember and Spark 2 executors × 1 core × 1 GiB heap, driver (in the AM) 1 GiB,"
            + " cluster deploy mode; MapReduce its defaults (1 GiB task containers, 1.5 GiB AM),"
            + " 2 reducers for wordcount, 1 for q1. Each client polls as its engine does by"
            + " default: Spark's and MapReduce's every 1 s; ember-submit a tenth of the time since"
            + " the last state change, 200 ms to 1 s. ember-submit runs with its defaults, so its"
            + " JVM maps its classes from the class-data archive its warm-up run wrote"
            + " (EMBER_SUBMIT_CDS_DIR in the cluster directory, new for each benchmark run).");
    if (engines.contains(YarnCommands.EMBER_DRIVER_EXECUTOR)) {
      w.println(
          "- `ember-driver-executor` = exactly `ember`'s ember-submit command plus `--conf "
              + YarnCommands.DRIVER_EXECUTOR_CONF
              + "`: the ApplicationMaster also runs an executor with id `driver` in its own JVM"
              + " (the driver's cores, its memory budget taken from the driver's 1 GiB heap),"
              + " which gets tasks only while fewer than the 2 executor containers are"
              + " registered, so a job may start (and end) before any container executor"
              + " registers. The same 2 executor containers are requested either way.");
    }
    w.printf("- Cluster: %s.%n", options.getOrDefault("cluster", "scripts/ember-minicluster"));
    w.printf(
        "- Versions: Ember %s (commit %s), Hadoop %s (cluster and MapReduce), Spark %s"
            + " (`spark-yarn_2.12`, its own shaded Hadoop 3.3 client,"
            + " `spark.yarn.populateHadoopClasspath=false`, `spark.yarn.jars` as `local:` paths).%n",
        options.getOrDefault("ember-version", "?"),
        options.getOrDefault("ember-commit", "?"),
        options.getOrDefault("hadoop-version", "?"),
        options.getOrDefault("spark-version", "?"));
    w.printf(
        "- Machine: %s, %d cores, %s, %s, %s.%n",
        Machine.cpuModel(), Machine.cores(), Machine.memory(), Machine.jdk(), Machine.os());
    w.printf(
        "- Load average (1/5/15 min) before the runs: %s; after: %s. **The machine is shared and"
            + " was under load from other work during the run; treat the figures as indicative.**%n",
        loadBefore, loadAfter);
    w.println();
    w.println("## Submit-to-exit, seconds: median (min–max)");
    w.println();
    StringBuilder header = new StringBuilder("| workload |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String e : engines) {
      header.append(' ').append(engineName(e)).append(" |");
      rule.append("---:|");
    }
    w.println(header);
    w.println(rule);
    for (String workload : workloads) {
      StringBuilder row = new StringBuilder("| " + workload + " |");
      for (String e : engines) {
        row.append(' ')
            .append(
                valid(workload)
                    ? seconds(e, workload).map(s -> s.format(1)).orElse("–")
                    : "invalid")
            .append(" |");
      }
      w.println(row);
    }
    w.println();
    w.println("## Ember / peer, pair by pair: median (min–max); below 1 Ember is faster");
    w.println();
    List<List<String>> pairs = new ArrayList<>();
    for (String e : embers()) {
      for (String p : peers()) {
        pairs.add(List.of(e, p));
      }
    }
    if (embers().size() == 2) {
      pairs.add(List.of(YarnCommands.EMBER_DRIVER_EXECUTOR, YarnCommands.EMBER));
    }
    if (!pairs.isEmpty()) {
      if (embers().size() == 2) {
        w.println(
            "`ember-driver-executor / ember` compares the two Ember variants (below 1 the driver"
                + " executor is faster).");
        w.println();
      }
      w.println(
          "| workload |"
              + String.join(
                  "", pairs.stream().map(q -> " " + q.get(0) + " / " + q.get(1) + " |").toList()));
      w.println("|---|" + "---:|".repeat(pairs.size()));
      for (String workload : workloads) {
        StringBuilder row = new StringBuilder("| " + workload + " |");
        for (List<String> q : pairs) {
          row.append(' ')
              .append(
                  valid(workload)
                      ? ratio(q.get(0), q.get(1), workload).map(s -> s.format(2)).orElse("–")
                      : "invalid")
              .append(" |");
        }
        w.println(row);
      }
      w.println();
    }
    if (!embers().isEmpty() && !peers().isEmpty()) {
      targets(w);
    }
    for (String e : embers()) {
      startupSplit(w, e);
    }
    w.println("## Answers");
    w.println();
    for (String workload : workloads) {
      Set<String> distinct = distinctAnswers(workload);
      w.printf(
          "- %s: %s%n",
          workload,
          valid(workload)
              ? "all runs agree: `" + distinct.iterator().next() + "`"
              : "**NOT VALID** (a run failed or answers differ): " + distinct);
    }
    for (YarnRun r : runs) {
      if (r.exitCode() != 0) {
        w.printf(
            "- failed run: %s %s round %d, exit %d, log `%s`%n",
            r.engine(), r.workload(), r.round(), r.exitCode(), logs.relativize(r.log()));
      }
    }
    w.println();
    w.println(
        "All runs (warm-ups included): `runs.csv`; each submitting process's output: `logs/`.");
  }

  private void targets(PrintWriter w) {
    w.println(
        "Targets (on the median pair ratio): Ember ≤ 1/2 of Spark on YARN and ≤ 1/4 of MapReduce.");
    w.println();
    w.println("| workload | Ember | Ember ≤ 0.5 × Spark | Ember ≤ 0.25 × MapReduce |");
    w.println("|---|---|---|---|");
    for (String workload : List.of("trivial", "wordcount", "q1")) {
      if (!workloads.contains(workload)) {
        continue;
      }
      for (String e : embers()) {
        w.printf(
            "| %s | %s | %s | %s |%n",
            workload,
            e,
            verdict(e, "spark", workload, 0.5),
            verdict(e, "mapreduce", workload, 0.25));
      }
    }
    w.println();
  }

  private String verdict(String ember, String peer, String workload, double limit) {
    if (!engines.contains(peer) || !valid(workload)) {
      return "not measured";
    }
    return ratio(ember, peer, workload)
        .map(
            s ->
                String.format(
                    Locale.ROOT,
                    "%s (%.2f)",
                    s.median() <= limit ? "met" : "**not met**",
                    s.median()))
        .orElse("not measured");
  }

  private void startupSplit(PrintWriter w, String ember) {
    if (!workloads.contains("trivial")) {
      return;
    }
    List<String> names = new ArrayList<>();
    names.add("submitted");
    names.add("YARN state RUNNING");
    names.addAll(AmLog.MILESTONES.keySet());
    names.add("final");
    names.add("exit");
    w.printf("## Where Ember's trivial application spends its time: %s%n", ember);
    w.println();
    w.println(
        "Engine `"
            + ember
            + "` ("
            + engineName(ember)
            + "). Milestones in ms after the harness started ember-submit, per measured round:"
            + " `submitted`,"
            + " `YARN state RUNNING` (the ApplicationMaster registered with the ResourceManager)"
            + " and `final` from ember-submit's `--events` stream (ms); the other milestones from"
            + " the first matching line of the AM's and the executors' container logs (ms since the"
            + " cluster's containers log milliseconds; `driver started` = the driver's RPC server"
            + " listening; in cluster deploy mode executors are requested before it; `driver"
            + " executor registered` = the backend's line \"Running jobs on the driver's"
            + " executor\", only with ember.yarn.driverExecutor.enabled; `first executor container"
            + " registered` = the first container executor's registration line, the AM's own"
            + " executor `driver` excluded); `exit` = the process's exit; – = no such event or"
            + " line was found. Without the driver executor the driver waits for its executors to"
            + " register before it runs the first job; with it, it waits only for its own"
            + " executor, so the container milestones may come after the job or be missing (a"
            + " container that had not started or registered before the application ended)."
            + " Tasks are not logged one by one, so the first task is not shown (it runs within"
            + " the first job).");
    w.println();
    w.println("| round | " + String.join(" | ", names) + " |");
    w.println("|---:|" + "---:|".repeat(names.size()));
    Map<String, List<Double>> columns = new java.util.HashMap<>();
    for (YarnRun r : measured(ember, "trivial")) {
      Map<String, Instant> at = new java.util.HashMap<>();
      try {
        EmberTimeline t = EmberTimeline.read(eventsOf(r));
        at.putAll(t.milestones());
        if (t.applicationId().isPresent() && options.containsKey("cluster-dir")) {
          at.putAll(AmLog.milestones(Path.of(options.get("cluster-dir")), t.applicationId().get()));
        }
      } catch (IOException e) {
        w.printf("| %d | (cannot read: %s) |%n", r.round(), e.getMessage());
        continue;
      }
      at.put("exit", r.start().plusMillis(r.wallMillis()));
      StringBuilder row = new StringBuilder("| " + r.round() + " |");
      for (String name : names) {
        Instant t = at.get(name);
        if (t == null) {
          row.append(" – |");
        } else {
          long ms = java.time.Duration.between(r.start(), t).toMillis();
          columns.computeIfAbsent(name, k -> new ArrayList<>()).add((double) ms);
          row.append(' ').append(ms).append(" |");
        }
      }
      w.println(row);
    }
    StringBuilder median = new StringBuilder("| median |");
    for (String name : names) {
      List<Double> c = columns.getOrDefault(name, List.of());
      median
          .append(' ')
          .append(c.isEmpty() ? "–" : String.format(Locale.ROOT, "%.0f", Stats.of(c).median()))
          .append(" |");
    }
    w.println(median);
    w.println();
  }

  private Path eventsOf(YarnRun r) {
    String log = r.log().getFileName().toString();
    return r.log()
        .resolveSibling(log.substring(0, log.length() - ".log".length()) + ".events.jsonl");
  }
}
