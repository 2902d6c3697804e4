package dev.ember.examples;

import dev.ember.EmberSession;
import dev.ember.metrics.TaskMetrics;
import dev.ember.scheduler.JobSummary;
import dev.ember.scheduler.StageSummary;
import dev.ember.scheduler.TaskLocality;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints a summary of every job a session runs, the way an operator reads Spark's UI: the action,
 * outcome and wall time; stages run and skipped; tasks by locality level; input records and shuffle
 * bytes; then one line per stage. Used by the examples so that {@code scripts/ember-demo} can show
 * what each job did.
 */
final class JobReport {
  private JobReport() {}

  /**
   * Prints each job's {@link #format summary} to {@code out} when the job ends. The listener runs
   * on the DAG scheduler's event thread; a {@code PrintStream} is synchronized, so lines of two
   * jobs do not interleave.
   */
  static void printTo(EmberSession ember, PrintStream out) {
    ember.addJobListener(summary -> out.print(format(summary)));
  }

  /**
   * The summary as lines, each ending with a newline: first {@code [job-N] <name>: succeeded in
   * 1.23 s; ...}, then an indented line per stage, in stage id order (execution order).
   */
  static String format(JobSummary job) {
    TaskMetrics total = new TaskMetrics();
    int tasks = 0;
    int skipped = 0;
    for (StageSummary stage : job.stages()) {
      total.merge(stage.metrics());
      tasks += stage.tasks();
      skipped += stage.skipped() ? 1 : 0;
    }
    StringBuilder out = new StringBuilder();
    out.append('[')
        .append(job.jobId())
        .append("] ")
        .append(job.name())
        .append(": ")
        .append(job.succeeded() ? "succeeded" : "FAILED")
        .append(" in ")
        .append(seconds(job.wallTime().toMillis()))
        .append("; ")
        .append(job.stages().size())
        .append(job.stages().size() == 1 ? " stage" : " stages")
        .append(skipped > 0 ? " (" + skipped + " skipped)" : "")
        .append(", ")
        .append(tasks)
        .append(tasks == 1 ? " task" : " tasks")
        .append("; locality ")
        .append(locality(job.localityCounts()))
        .append("; ")
        .append(io(total))
        .append('\n');
    job.failure().ifPresent(f -> out.append("    failure: ").append(f).append('\n'));
    job.exclusions().forEach(e -> out.append("    excluded on failure: ").append(e).append('\n'));
    List<StageSummary> byId = new ArrayList<>(job.stages());
    byId.sort(Comparator.comparingInt(s -> s.stageId().id()));
    for (StageSummary stage : byId) {
      out.append("    ").append(stage.stageId()).append(' ').append(stage.name()).append(": ");
      if (stage.skipped()) {
        out.append("skipped (its shuffle output already existed)\n");
        continue;
      }
      out.append(stage.tasks())
          .append(stage.tasks() == 1 ? " task" : " tasks")
          .append(stage.attempts() > 1 ? " in " + stage.attempts() + " attempts" : "")
          .append(
              stage.speculativeTasks() > 0
                  ? " (" + stage.speculativeTasks() + " speculative copies launched)"
                  : "")
          .append(", ")
          .append(io(stage.metrics()))
          .append('\n');
    }
    return out.toString();
  }

  /** {@code PROCESS_LOCAL 0, NODE_LOCAL 3, ...}: every level, in order. */
  private static String locality(Map<TaskLocality, Integer> counts) {
    List<String> parts = new ArrayList<>();
    for (TaskLocality level : TaskLocality.values()) {
      parts.add(level + " " + counts.getOrDefault(level, 0));
    }
    return String.join(", ", parts);
  }

  private static String io(TaskMetrics m) {
    return "input "
        + bytes(m.bytesRead())
        + " ("
        + m.recordsRead()
        + " records), shuffle written "
        + bytes(m.shuffleBytesWritten())
        + ", shuffle read "
        + bytes(m.shuffleBytesRead());
  }

  /** Binary units with one decimal: {@code 512 B}, {@code 1.5 KiB}, {@code 12.0 MiB}. */
  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = n;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
  }
}
