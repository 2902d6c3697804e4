package dev.ember.benchmarks.ember;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.Pair;
import dev.ember.benchmarks.workloads.Answers;
import dev.ember.benchmarks.workloads.CacheAnswer;
import dev.ember.benchmarks.workloads.LineItem;
import dev.ember.benchmarks.workloads.Orders;
import dev.ember.benchmarks.workloads.Q1Aggregate;
import dev.ember.benchmarks.workloads.RunReport;
import dev.ember.benchmarks.workloads.SortSummary;
import dev.ember.benchmarks.workloads.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's jobs with Ember's dataset API, run in this JVM with {@code local[N]}: {@code
 * EmberJobs <workload> <dataDir> <N>}. Prints {@link RunReport} lines: the session's start-up time,
 * the job's time (from the first dataset to the answer on the driver) and the answer.
 *
 * <p>The harness forks one JVM per run, so every run pays JIT warm-up as a real batch job does.
 */
public final class EmberJobs {
  private EmberJobs() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: EmberJobs <wordcount|q1|sort|join|cache> <data directory> <N>");
      System.exit(2);
    }
    long start = System.nanoTime();
    Workload workload = Workload.of(args[0]);
    Path data = Path.of(args[1]).toAbsolutePath();
    int parallelism = Integer.parseInt(args[2]);
    try (EmberSession ember =
        EmberSession.builder()
            .appName("benchmark-" + workload.id())
            .master("local[" + parallelism + "]")
            .build()) {
      RunReport.print("startup_ms", RunReport.millisSince(start));
      long jobStart = System.nanoTime();
      long cpuStart = RunReport.processCpuMillis();
      String answer = run(ember, workload, data, parallelism);
      RunReport.print("job_ms", RunReport.millisSince(jobStart));
      RunReport.print("job_cpu_ms", RunReport.processCpuMillis() - cpuStart);
      RunReport.print("answer", answer);
    }
    RunReport.printPeakRss();
  }

  static String run(EmberSession ember, Workload workload, Path data, int parallelism) {
    Dataset<String> lineitem = ember.textFile(data.resolve("lineitem").toString(), parallelism);
    switch (workload) {
      case WORDCOUNT:
        return Answers.wordCount(
            lineitem
                .flatMap(line -> Answers.words(LineItem.comment(line)).iterator())
                .mapToPair(word -> Pair.of(word, 1L))
                .reduceByKey(Long::sum)
                .dataset()
                .map(p -> Answers.wordSummary(p.key(), p.value()))
                .reduce(Answers::sum));
      case Q1:
        return Q1Aggregate.answer(
            lineitem
                .map(LineItem::parse)
                .filter(Q1Aggregate::selected)
                .mapToPair(item -> Pair.of(Q1Aggregate.group(item), Q1Aggregate.of(item)))
                .reduceByKey(Q1Aggregate::plus)
                .collectAsMap());
      case SORT:
        List<SortSummary> summaries =
            lineitem
                .mapToPair(line -> Pair.of(LineItem.sortKey(line), line))
                .sortByKey(true, parallelism)
                .dataset()
                .mapPartitionsWithIndex(
                    (index, pairs) ->
                        List.of(SortSummary.of(index, pairs, Pair::key, Pair::value)).iterator(),
                    false)
                .collect();
        return SortSummary.answer(summaries);
      case JOIN:
        Map<String, long[]> sums =
            lineitem
                .mapToPair(
                    line -> Pair.of(LineItem.orderKey(line), LineItem.extendedPriceCents(line)))
                .join(
                    ember
                        .textFile(data.resolve("orders").toString(), parallelism)
                        .mapToPair(line -> Pair.of(Orders.orderKey(line), Orders.priority(line))))
                .dataset()
                .mapToPair(p -> Pair.of(p.value().value(), new long[] {1, p.value().key()}))
                .reduceByKey(Answers::sum)
                .collectAsMap();
        return Answers.join(sums);
      case CACHE:
        Dataset<LineItem> items = lineitem.map(LineItem::parse).cache();
        long rows = items.count();
        long quantity = items.map(item -> item.quantityHundredths).reduce(Long::sum);
        long shipped = items.filter(Q1Aggregate::selected).count();
        long maxPrice = items.map(item -> item.extendedPriceCents).reduce(Math::max);
        long orders = items.map(item -> item.orderKey).distinct().count();
        return CacheAnswer.format(rows, quantity, shipped, maxPrice, orders);
    }
    throw new AssertionError(workload);
  }
}
