package dev.ember.benchmarks.harness;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Writes the run's Markdown report: setup, machine, ratios, per-engine times and answers. */
final class MarkdownReport {
  private MarkdownReport() {}

  /**
   * The report's text.
   *
   * @param setup what was run, as {@code label -> value} rows (scale factor, repetitions, ...)
   * @param inputBytes each workload's input size in bytes
   * @param reference the engine the ratios compare against the others ({@code ember})
   */
  static String render(
      String title,
      Map<String, String> setup,
      Results results,
      List<String> engines,
      List<String> workloads,
      Map<String, Long> inputBytes,
      Map<String, Integer> engineCores,
      String reference,
      String chartFile) {
    StringBuilder md = new StringBuilder();
    md.append("# ").append(title).append("\n\n");
    md.append("| | |\n|---|---|\n");
    setup.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));

    md.append("\n## ").append(capitalize(reference)).append(" / peer\n\n");
    md.append("Job time of ")
        .append(reference)
        .append(" divided by the peer's, computed run by run (repetition i of one engine against")
        .append(" repetition i of the other, run back to back); median (min–max). Below 1:")
        .append(" ")
        .append(reference)
        .append(
            " is faster. Job CPU = CPU time of the whole JVM (all threads, GC and JIT included) during the"
                + " job: on a shared machine it varies much less than elapsed time. Wall = the whole"
                + " forked JVM, start-up included.\n\n");
    md.append("| workload |");
    for (String engine : engines) {
      if (!engine.equals(reference)) {
        md.append(" ")
            .append(reference)
            .append("/")
            .append(engine)
            .append(" job | ")
            .append(reference)
            .append("/")
            .append(engine)
            .append(" job CPU | ")
            .append(reference)
            .append("/")
            .append(engine)
            .append(" wall |");
      }
    }
    md.append("\n|---|");
    for (String engine : engines) {
      if (!engine.equals(reference)) {
        md.append("---:|---:|---:|");
      }
    }
    md.append("\n");
    for (String workload : workloads) {
      md.append("| ").append(workload).append(" |");
      for (String engine : engines) {
        if (engine.equals(reference)) {
          continue;
        }
        if (!results.valid(workload)) {
          md.append(" — | — | — |");
          continue;
        }
        md.append(" ")
            .append(fmt(results.ratio(reference, engine, workload, r -> r.jobMillis()), 2))
            .append(" | ")
            .append(
                fmt(
                    results.ratio(reference, engine, workload, r -> r.jobCpuMillis().orElse(0L)),
                    2))
            .append(" | ")
            .append(fmt(results.ratio(reference, engine, workload, r -> r.wallMillis()), 2))
            .append(" |");
      }
      md.append("\n");
    }

    md.append("\n## Per engine\n\n");
    md.append(
        "Seconds, median (min–max) of the measured runs. MB/s per core = input size / median job"
            + " time / task threads (the baseline is one thread: the physical limit of a plain"
            + " Java loop). Peak RSS = VmHWM of the forked JVM, median.\n\n");
    md.append(
        "| workload | input MB | engine | job s | job CPU s | wall s | start-up s | MB/s per core |"
            + " peak RSS MiB |\n");
    md.append("|---|---:|---|---:|---:|---:|---:|---:|---:|\n");
    for (String workload : workloads) {
      double mb = inputBytes.getOrDefault(workload, 0L) / 1e6;
      for (String engine : engines) {
        md.append("| ").append(workload).append(" | ");
        md.append(String.format(Locale.ROOT, "%.1f", mb))
            .append(" | ")
            .append(engine)
            .append(" | ");
        if (!results.valid(workload)) {
          md.append("— | — | — | — | — | — |\n");
          continue;
        }
        Optional<Stats> job = results.stats(engine, workload, r -> r.jobMillis() / 1000.0);
        md.append(fmt(job, 2)).append(" | ");
        md.append(
                fmt(results.stats(engine, workload, r -> r.jobCpuMillis().orElse(0L) / 1000.0), 2))
            .append(" | ");
        md.append(fmt(results.stats(engine, workload, r -> r.wallMillis() / 1000.0), 2))
            .append(" | ");
        md.append(
                results
                    .stats(engine, workload, r -> r.startupMillis().orElse(0L) / 1000.0)
                    .map(s -> String.format(Locale.ROOT, "%.2f", s.median()))
                    .orElse("—"))
            .append(" | ");
        int cores = engineCores.getOrDefault(engine, 1);
        md.append(
                job.map(s -> String.format(Locale.ROOT, "%.1f", mb / s.median() / cores))
                    .orElse("—"))
            .append(" | ");
        md.append(
                results
                    .stats(engine, workload, r -> r.peakRssKib().orElse(0L) / 1024.0)
                    .map(s -> String.format(Locale.ROOT, "%.0f", s.median()))
                    .orElse("—"))
            .append(" |\n");
      }
    }

    md.append("\n## Answers\n\n");
    md.append(
        "Every run's answer (warm-ups included) must be identical across engines before its time"
            + " is reported.\n\n");
    md.append("| workload | status | answer |\n|---|---|---|\n");
    for (String workload : workloads) {
      Set<String> answers = results.answers(workload);
      String status =
          !results.allSucceeded(workload)
              ? "A RUN FAILED (see logs/)"
              : answers.size() == 1 ? "all engines agree" : "ANSWERS DIFFER";
      md.append("| ")
          .append(workload)
          .append(" | ")
          .append(status)
          .append(" | `")
          .append(String.join("` / `", answers).replace("|", "\\|"))
          .append("` |\n");
    }
    md.append("\n![median job time](").append(chartFile).append(")\n");
    return md.toString();
  }

  private static String fmt(Optional<Stats> stats, int decimals) {
    return stats.map(s -> s.format(decimals)).orElse("—");
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
