package dev.ember.benchmarks.harness;

/** Every run as one CSV row, for anyone who wants to redo the statistics. */
final class RunsCsv {
  private RunsCsv() {}

  static String render(Results results) {
    StringBuilder csv =
        new StringBuilder(
            "workload,engine,repetition,exit_code,job_ms,job_cpu_ms,wall_ms,startup_ms,peak_rss_kb,answer\n");
    for (RunResult r : results.all()) {
      csv.append(r.workload())
          .append(',')
          .append(r.engine())
          .append(',')
          .append(r.repetition())
          .append(',')
          .append(r.exitCode())
          .append(',')
          .append(r.report().getOrDefault("job_ms", ""))
          .append(',')
          .append(r.report().getOrDefault("job_cpu_ms", ""))
          .append(',')
          .append(r.wallMillis())
          .append(',')
          .append(r.report().getOrDefault("startup_ms", ""))
          .append(',')
          .append(r.report().getOrDefault("peak_rss_kb", ""))
          .append(",\"")
          .append(r.answer().replace("\"", "\"\""))
          .append("\"\n");
    }
    return csv.toString();
  }
}
