package dev.ember.benchmarks.workloads;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a forked job JVM tells the harness what happened: lines {@code BENCH key=value} on standard
 * output ({@code answer}, {@code startup_ms}, {@code job_ms}, {@code job_cpu_ms}, {@code
 * peak_rss_kb}, {@code version}). Everything else a JVM prints is ignored.
 */
public final class RunReport {
  /** The prefix of every line the harness reads. */
  public static final String PREFIX = "BENCH ";

  private RunReport() {}

  /** Prints one {@code key=value} line (the value must be a single line). */
  public static void print(String key, Object value) {
    String text = String.valueOf(value);
    if (text.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("a report value must be one line: " + key);
    }
    System.out.println(PREFIX + key + "=" + text);
    System.out.flush();
  }

  /**
   * Prints this JVM's peak resident set size ({@code VmHWM} of {@code /proc/self/status}, in KiB),
   * or nothing where there is no {@code /proc}.
   */
  public static void printPeakRss() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmHWM:")) {
          print("peak_rss_kb", line.substring(6).replace("kB", "").trim());
        }
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not Linux: the report simply has no peak RSS.
    }
  }

  /**
   * The CPU time this JVM has used so far, all threads (task threads, GC, JIT), in milliseconds, or
   * -1 where the JVM cannot tell. On a shared machine it varies far less than elapsed time.
   */
  public static long processCpuMillis() {
    java.lang.management.OperatingSystemMXBean os =
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1_000_000;
    }
    return -1;
  }

  /** Milliseconds since {@code startNanos} ({@link System#nanoTime}). */
  public static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
