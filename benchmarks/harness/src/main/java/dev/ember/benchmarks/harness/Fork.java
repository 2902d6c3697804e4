package dev.ember.benchmarks.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one job JVM and collects its {@code BENCH} lines; its standard error goes to a log file. */
final class Fork {
  private static final String PREFIX = "BENCH ";

  private Fork() {}

  /**
   * Runs {@code command} to completion (or kills it after {@code timeoutMinutes}).
   *
   * @param log where the JVM's standard error (and other standard output) is written
   * @throws IOException if the JVM cannot be started
   */
  static RunResult run(
      String engine,
      String workload,
      int repetition,
      List<String> command,
      Path log,
      long timeoutMinutes)
      throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.redirectError(log.toFile());
    // Keep Spark's driver on the loopback interface (its default picks the first non-loopback one).
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    long start = System.nanoTime();
    Process process = builder.start();
    Map<String, String> report = new HashMap<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith(PREFIX)) {
          int eq = line.indexOf('=');
          if (eq > 0) {
            report.put(line.substring(PREFIX.length(), eq), line.substring(eq + 1));
          }
        }
      }
    }
    if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      var unused = process.waitFor(1, TimeUnit.MINUTES);
      return new RunResult(engine, workload, repetition, -1, 0, report, log.toString());
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    return new RunResult(
        engine, workload, repetition, process.exitValue(), wall, report, log.toString());
  }
}
