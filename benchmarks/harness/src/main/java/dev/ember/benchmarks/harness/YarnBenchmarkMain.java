package dev.ember.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The YARN benchmark (run by {@code benchmarks/run-yarn.sh}): submits each workload to a running
 * single-machine YARN cluster with Ember ({@code scripts/ember-submit}, cluster deploy mode; engine
 * {@code ember-driver-executor} adds {@code --conf ember.yarn.driverExecutor.enabled=true}), Hadoop
 * MapReduce (the Job API, as {@code hadoop jar} runs a job) and Apache Spark ({@code SparkSubmit},
 * cluster deploy mode), interleaved round by round (a warm-up round, then N measured ones), and
 * measures each submitting process from its start to its exit. Then it reads every run's answer
 * back from HDFS, refuses to report a workload whose answers differ, and writes {@code results.md},
 * {@code chart.png}, {@code runs.csv} and {@code logs/} under {@code --out}.
 *
 * <p>Options: {@code --key value} pairs, see {@link YarnCommands}. Exit codes: 0 ok; 1 a run failed
 * or the answers differ; 2 bad arguments.
 */
public final class YarnBenchmarkMain {
  private YarnBenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options;
    try {
      options = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("YarnBenchmarkMain: " + e.getMessage());
      System.exit(2);
      return;
    }
    java.util.Properties versions = new java.util.Properties();
    try (var in = YarnBenchmarkMain.class.getResourceAsStream("/benchmark-versions.properties")) {
      if (in != null) {
        versions.load(in);
      }
    }
    options.putIfAbsent("ember-version", versions.getProperty("ember.version", "?"));
    YarnCommands commands = new YarnCommands(options);
    Path out = Path.of(options.get("out"));
    Path logs = Files.createDirectories(out.resolve("logs"));
    int reps = Integer.parseInt(options.getOrDefault("reps", "3"));
    int warmups = Integer.parseInt(options.getOrDefault("warmups", "1"));
    List<String> workloads =
        List.of(options.getOrDefault("workloads", "trivial,wordcount,q1").split(","));
    List<String> engines = List.of(options.get("engines").split(","));
    String loadBefore = Machine.loadAverage();

    List<YarnRun> runs = new ArrayList<>();
    for (String workload : workloads) {
      for (int round = 1 - warmups; round <= reps; round++) {
        int r = Math.max(round, 0);
        for (String engine : engines) {
          String name =
              engine + "-" + workload + "-" + (round <= 0 ? "warmup" + (-round) : "r" + round);
          String answer = commands.answerPath(name);
          Path log = logs.resolve(name + ".log");
          List<String> command =
              commands.command(engine, workload, answer, logs.resolve(name + ".events.jsonl"));
          YarnRun run = execute(engine, workload, r, command, commands.environment(), answer, log);
          System.err.printf(
              "%s %s round %d: exit %d, %d ms%n",
              engine, workload, r, run.exitCode(), run.wallMillis());
          runs.add(run);
        }
      }
    }
    String loadAfter = Machine.loadAverage();
    copyContainerLogs(runs, logs, Path.of(options.get("cluster-dir")));
    Map<String, String> answers =
        commands.readAnswers(runs.stream().map(YarnRun::answerPath).toList());
    YarnReport report =
        new YarnReport(options, engines, workloads, runs, answers, logs, loadBefore, loadAfter);
    report.write(out);
    System.exit(report.allValid() ? 0 : 1);
  }

  /**
   * Copies each Ember run's container logs (the ApplicationMaster's and the executors') to {@code
   * logs/<run>.containers.log}; after all runs, so that the AMs have finished writing them.
   */
  private static void copyContainerLogs(List<YarnRun> runs, Path logs, Path clusterDir)
      throws IOException {
    for (YarnRun run : runs) {
      String log = run.log().getFileName().toString();
      String name = log.substring(0, log.length() - ".log".length());
      Path events = logs.resolve(name + ".events.jsonl");
      if (!Files.exists(events)) {
        continue;
      }
      Optional<String> app = EmberTimeline.read(events).applicationId();
      if (app.isPresent()) {
        AmLog.copy(clusterDir, app.get(), logs.resolve(name + ".containers.log"));
      }
    }
  }

  private static YarnRun execute(
      String engine,
      String workload,
      int round,
      List<String> command,
      Map<String, String> env,
      String answerPath,
      Path log)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().putAll(env);
    Instant start = Instant.now();
    long t0 = System.nanoTime();
    Process process = builder.start();
    if (!process.waitFor(20, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      var unused = process.waitFor(1, TimeUnit.MINUTES);
      return new YarnRun(engine, workload, round, -1, 0, start, answerPath, log);
    }
    long wall = (System.nanoTime() - t0) / 1_000_000;
    return new YarnRun(engine, workload, round, process.exitValue(), wall, start, answerPath, log);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException(
            "expected --option value pairs, got " + Arrays.toString(args));
      }
      values.put(args[i].substring(2), args[i + 1]);
    }
    for (String required : YarnCommands.REQUIRED) {
      if (!values.containsKey(required)) {
        throw new IllegalArgumentException("missing option --" + required);
      }
    }
    values.putIfAbsent("engines", String.join(",", YarnCommands.ENGINES));
    for (String engine : values.get("engines").split(",")) {
      if (!YarnCommands.ENGINES.contains(engine)) {
        throw new IllegalArgumentException(
            "--engines: unknown engine '"
                + engine
                + "'; use a comma-separated list of "
                + String.join(", ", YarnCommands.ENGINES));
      }
    }
    return values;
  }

  /** Runs {@code command} and returns its standard output's lines (for the answer reader). */
  static List<String> outputOf(List<String> command, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process process = builder.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        lines.add(line);
      }
    }
    var unused = process.waitFor();
    return lines;
  }
}
