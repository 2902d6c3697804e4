package dev.ember.benchmarks.spark;

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
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The benchmark's jobs with Apache Spark's RDD API in local mode: {@code SparkJobs <workload>
 * <dataDir> <N>} runs on {@code local[N]} and prints the same {@link RunReport} lines as Ember's
 * jobs. Spark keeps its defaults except: no web UI (Ember has none to start), the driver on the
 * loopback interface, and Kryo as the serializer, as Spark's tuning guide advises and as Ember
 * always does.
 */
public final class SparkJobs {
  private SparkJobs() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: SparkJobs <wordcount|q1|sort|join|cache> <data directory> <N>");
      System.exit(2);
    }
    long start = System.nanoTime();
    Workload workload = Workload.of(args[0]);
    Path data = Path.of(args[1]).toAbsolutePath();
    int parallelism = Integer.parseInt(args[2]);
    SparkConf conf =
        new SparkConf()
            .setAppName("benchmark-" + workload.id())
            .setMaster("local[" + parallelism + "]")
            .set("spark.ui.enabled", "false")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
    try (JavaSparkContext spark = new JavaSparkContext(conf)) {
      spark.setLogLevel("WARN");
      RunReport.print("version", "Spark " + spark.version());
      RunReport.print("startup_ms", RunReport.millisSince(start));
      long jobStart = System.nanoTime();
      long cpuStart = RunReport.processCpuMillis();
      String answer = run(spark, workload, data, parallelism);
      RunReport.print("job_ms", RunReport.millisSince(jobStart));
      RunReport.print("job_cpu_ms", RunReport.processCpuMillis() - cpuStart);
      RunReport.print("answer", answer);
    }
    RunReport.printPeakRss();
  }

  static String run(JavaSparkContext spark, Workload workload, Path data, int parallelism) {
    JavaRDD<String> lineitem = spark.textFile(data.resolve("lineitem").toString(), parallelism);
    switch (workload) {
      case WORDCOUNT:
        return Answers.wordCount(
            lineitem
                .flatMap(line -> Answers.words(LineItem.comment(line)).iterator())
                .mapToPair(word -> new Tuple2<>(word, 1L))
                .reduceByKey(Long::sum)
                .map(p -> Answers.wordSummary(p._1(), p._2()))
                .reduce(Answers::sum));
      case Q1:
        return Q1Aggregate.answer(
            lineitem
                .map(LineItem::parse)
                .filter(Q1Aggregate::selected)
                .mapToPair(item -> new Tuple2<>(Q1Aggregate.group(item), Q1Aggregate.of(item)))
                .reduceByKey(Q1Aggregate::plus)
                .collectAsMap());
      case SORT:
        List<SortSummary> summaries =
            lineitem
                .mapToPair(line -> new Tuple2<>(LineItem.sortKey(line), line))
                .sortByKey(true, parallelism)
                .mapPartitionsWithIndex(
                    (index, pairs) ->
                        List.of(SortSummary.of(index, pairs, Tuple2::_1, Tuple2::_2)).iterator(),
                    false)
                .collect();
        return SortSummary.answer(summaries);
      case JOIN:
        Map<String, long[]> sums =
            lineitem
                .mapToPair(
                    line ->
                        new Tuple2<>(LineItem.orderKey(line), LineItem.extendedPriceCents(line)))
                .join(
                    spark
                        .textFile(data.resolve("orders").toString(), parallelism)
                        .mapToPair(
                            line -> new Tuple2<>(Orders.orderKey(line), Orders.priority(line))))
                .mapToPair(p -> new Tuple2<>(p._2()._2(), new long[] {1, p._2()._1()}))
                .reduceByKey(Answers::sum)
                .collectAsMap();
        return Answers.join(sums);
      case CACHE:
        JavaRDD<LineItem> items = lineitem.map(LineItem::parse).cache();
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
