package dev.ember.benchmarks.harness;

import java.util.Map;
import java.util.Optional;

/**
 * What one forked run reported.
 *
 * @param engine the engine's name
 * @param workload the workload's id
 * @param repetition 0 for the warm-up, then 1 to N
 * @param exitCode the JVM's exit code
 * @param wallMillis the whole process, JVM start to exit, as the harness measured it
 * @param report the {@code BENCH key=value} lines the JVM printed
 * @param log the file holding the JVM's standard error
 */
record RunResult(
    String engine,
    String workload,
    int repetition,
    int exitCode,
    long wallMillis,
    Map<String, String> report,
    String log) {
  RunResult {
    report = Map.copyOf(report);
  }

  /** Whether the JVM exited 0 and reported a job time and an answer. */
  boolean succeeded() {
    return exitCode == 0 && report.containsKey("job_ms") && report.containsKey("answer");
  }

  long jobMillis() {
    return Long.parseLong(report.get("job_ms"));
  }

  /** CPU time of the whole JVM (all threads) during the job, if the JVM could tell. */
  Optional<Long> jobCpuMillis() {
    return Optional.ofNullable(report.get("job_cpu_ms")).map(Long::parseLong).filter(ms -> ms >= 0);
  }

  Optional<Long> startupMillis() {
    return Optional.ofNullable(report.get("startup_ms")).map(Long::parseLong);
  }

  Optional<Long> peakRssKib() {
    return Optional.ofNullable(report.get("peak_rss_kb")).map(Long::parseLong);
  }

  String answer() {
    return report.getOrDefault("answer", "");
  }
}
