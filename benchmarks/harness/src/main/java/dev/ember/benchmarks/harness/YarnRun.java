package dev.ember.benchmarks.harness;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One submission of the YARN benchmark: one engine's submitting process for one workload.
 *
 * @param engine {@code ember}, {@code mapreduce} or {@code spark}
 * @param workload {@code trivial}, {@code wordcount} or {@code q1}
 * @param round 0 for the warm-up, then 1..N
 * @param exitCode the submitting process's exit code (-1 if it was killed after the time-out)
 * @param wallMillis submit-to-exit: from starting the submitting process to its exit, in ms
 * @param start when the process was started (wall clock)
 * @param answerPath the HDFS file the job wrote its answer to
 * @param log the submitting process's merged standard output and error
 */
record YarnRun(
    String engine,
    String workload,
    int round,
    int exitCode,
    long wallMillis,
    Instant start,
    String answerPath,
    Path log) {
  boolean warmup() {
    return round == 0;
  }
}
