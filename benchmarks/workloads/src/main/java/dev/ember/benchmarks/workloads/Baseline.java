package dev.ember.benchmarks.workloads;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The "physical limit": each workload as the simplest single-threaded Java loop over the same files
 * ({@link java.io.BufferedReader}, a {@link HashMap}), with no engine at all. {@code Baseline
 * <workload> <dataDir>} prints the same {@link RunReport} lines as the engines' jobs.
 */
public final class Baseline {
  private Baseline() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: Baseline <wordcount|q1|sort|join|cache> <data directory>");
      System.exit(2);
    }
    long start = System.nanoTime();
    Workload workload = Workload.of(args[0]);
    Path data = Path.of(args[1]);
    RunReport.print("version", "Java " + Runtime.version());
    RunReport.print("startup_ms", RunReport.millisSince(start));
    long jobStart = System.nanoTime();
    long cpuStart = RunReport.processCpuMillis();
    String answer = run(workload, data);
    RunReport.print("job_ms", RunReport.millisSince(jobStart));
    RunReport.print("job_cpu_ms", RunReport.processCpuMillis() - cpuStart);
    RunReport.print("answer", answer);
    RunReport.printPeakRss();
  }

  /** Runs {@code workload} on the tables under {@code data} and returns its answer. */
  public static String run(Workload workload, Path data) {
    switch (workload) {
      case WORDCOUNT:
        return wordCount(data);
      case Q1:
        return q1(data);
      case SORT:
        return sort(data);
      case JOIN:
        return join(data);
      case CACHE:
        return cache(data);
    }
    throw new AssertionError(workload);
  }

  private static String wordCount(Path data) {
    Map<String, long[]> counts = new HashMap<>();
    Tables.forEachLine(
        data,
        "lineitem",
        line -> {
          for (String word : Answers.words(LineItem.comment(line))) {
            counts.computeIfAbsent(word, w -> new long[1])[0]++;
          }
        });
    long[] summary = new long[3];
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      summary = Answers.sum(summary, Answers.wordSummary(e.getKey(), e.getValue()[0]));
    }
    return Answers.wordCount(summary);
  }

  private static String q1(Path data) {
    Map<String, Q1Aggregate> groups = new HashMap<>();
    Tables.forEachLine(
        data,
        "lineitem",
        line -> {
          LineItem item = LineItem.parse(line);
          if (Q1Aggregate.selected(item)) {
            groups.merge(Q1Aggregate.group(item), Q1Aggregate.of(item), Q1Aggregate::plus);
          }
        });
    return Q1Aggregate.answer(groups);
  }

  private static final class Keyed {
    final long key;
    final String line;

    Keyed(long key, String line) {
      this.key = key;
      this.line = line;
    }
  }

  private static String sort(Path data) {
    List<Keyed> rows = new ArrayList<>();
    Tables.forEachLine(data, "lineitem", line -> rows.add(new Keyed(LineItem.sortKey(line), line)));
    rows.sort(Comparator.comparingLong(k -> k.key));
    return SortSummary.answer(List.of(SortSummary.of(0, rows.iterator(), k -> k.key, k -> k.line)));
  }

  private static String join(Path data) {
    Map<Long, String> priorities = new HashMap<>();
    Tables.forEachLine(
        data, "orders", line -> priorities.put(Orders.orderKey(line), Orders.priority(line)));
    Map<String, long[]> sums = new HashMap<>();
    Tables.forEachLine(
        data,
        "lineitem",
        line -> {
          String priority = priorities.get(LineItem.orderKey(line));
          if (priority != null) {
            long[] s = sums.computeIfAbsent(priority, p -> new long[2]);
            s[0]++;
            s[1] += LineItem.extendedPriceCents(line);
          }
        });
    return Answers.join(sums);
  }

  private static String cache(Path data) {
    List<LineItem> items = new ArrayList<>();
    Tables.forEachLine(data, "lineitem", line -> items.add(LineItem.parse(line)));
    long rows = items.size();
    long quantity = 0;
    for (LineItem item : items) {
      quantity += item.quantityHundredths;
    }
    long shipped = 0;
    for (LineItem item : items) {
      if (Q1Aggregate.selected(item)) {
        shipped++;
      }
    }
    long maxPrice = Long.MIN_VALUE;
    for (LineItem item : items) {
      maxPrice = Math.max(maxPrice, item.extendedPriceCents);
    }
    Set<Long> orders = new HashSet<>();
    for (LineItem item : items) {
      orders.add(item.orderKey);
    }
    return CacheAnswer.format(rows, quantity, shipped, maxPrice, orders.size());
  }
}
