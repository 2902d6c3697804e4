package dev.ember.benchmarks.workloads;

import java.util.Locale;

/** The benchmark's jobs; every engine implements each of them on the same TPC-H files. */
public enum Workload {
  /** Word count of {@code l_comment}: a map-side combine and a shuffle of small records. */
  WORDCOUNT("lineitem"),
  /** TPC-H query 1: parse, filter and aggregate into four groups (CPU-bound, tiny shuffle). */
  Q1("lineitem"),
  /** A total sort of whole {@code lineitem} lines by {@code (l_orderkey, l_linenumber)}. */
  SORT("lineitem"),
  /** {@code lineitem} joined with {@code orders} on the order key, summed by order priority. */
  JOIN("lineitem", "orders"),
  /** Parsed {@code lineitem} cached in memory, then five actions over it. */
  CACHE("lineitem");

  private final String[] tables;

  Workload(String... tables) {
    this.tables = tables;
  }

  /** The TPC-H tables (directories under the data directory) the workload reads. */
  public String[] tables() {
    return tables.clone();
  }

  /** The name used on command lines and in reports, e.g. {@code wordcount}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The workload named {@code id}.
   *
   * @throws IllegalArgumentException listing the known names if there is none
   */
  public static Workload of(String id) {
    for (Workload w : values()) {
      if (w.id().equals(id)) {
        return w;
      }
    }
    throw new IllegalArgumentException(
        "unknown workload '" + id + "'; use one of wordcount, q1, sort, join, cache");
  }
}
