package dev.ember.benchmarks.sparkyarn;

import dev.ember.benchmarks.workloads.Answers;
import dev.ember.benchmarks.workloads.LineItem;
import dev.ember.benchmarks.workloads.Q1Aggregate;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * The YARN benchmark's jobs with Apache Spark's RDD API, as the application main that {@code
 * SparkSubmit --master yarn --deploy-mode cluster} runs in Spark's ApplicationMaster: {@code
 * SparkYarnJobs <trivial|wordcount|q1> <input dir> <answer file>}. Everything about the cluster
 * comes from the submission ({@code new SparkConf()}); the answer is written to {@code <answer
 * file>} on the cluster's file system, one line, the same text the Ember and MapReduce jobs write.
 */
public final class SparkYarnJobs {
  private SparkYarnJobs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: SparkYarnJobs <trivial|wordcount|q1> <input dir> <answer file>");
      System.exit(2);
    }
    try (JavaSparkContext spark =
        new JavaSparkContext(new SparkConf().setAppName("bench-spark-" + args[0]))) {
      String answer = run(spark, args[0], args[1] + "/lineitem");
      Path path = new Path(args[2]);
      FileSystem fs = path.getFileSystem(spark.hadoopConfiguration());
      try (OutputStream out = fs.create(path, true)) {
        out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  static String run(JavaSparkContext spark, String workload, String lineitem) {
    switch (workload) {
      case "trivial":
        return "count=" + spark.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 2).count();
      case "wordcount":
        return Answers.wordCount(
            spark
                .textFile(lineitem, 2)
                .flatMap(line -> Answers.words(LineItem.comment(line)).iterator())
                .mapToPair(word -> new Tuple2<>(word, 1L))
                .reduceByKey(Long::sum)
                .map(p -> Answers.wordSummary(p._1(), p._2()))
                .reduce(Answers::sum));
      case "q1":
        return Q1Aggregate.answer(
            spark
                .textFile(lineitem, 2)
                .map(LineItem::parse)
                .filter(Q1Aggregate::selected)
                .mapToPair(item -> new Tuple2<>(Q1Aggregate.group(item), Q1Aggregate.of(item)))
                .reduceByKey(Q1Aggregate::plus)
                .collectAsMap());
      default:
        throw new IllegalArgumentException(
            "unknown workload '" + workload + "'; use trivial, wordcount or q1");
    }
  }
}
