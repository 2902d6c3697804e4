package dev.ember.benchmarks.yarn;

import dev.ember.EmberSession;
import dev.ember.Pair;
import dev.ember.benchmarks.workloads.Answers;
import dev.ember.benchmarks.workloads.LineItem;
import dev.ember.benchmarks.workloads.Q1Aggregate;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The YARN benchmark's jobs with Ember's dataset API, as the application main that {@code
 * ember-submit --master yarn --deploy-mode cluster} runs in the ApplicationMaster: {@code
 * EmberYarnJobs <trivial|wordcount|q1> <input dir> <answer file>}. The session is a bare builder:
 * it takes the master and everything else from the {@code ember.*} system properties that
 * ember-submit hands to the driver. The answer goes to {@code <answer file>} on the cluster's file
 * system ({@link AnswerFile}).
 *
 * <p>{@code trivial} counts a 10-element dataset (the cost of an application that does almost
 * nothing); {@code wordcount} and {@code q1} read {@code <input dir>/lineitem} in 2 partitions.
 */
public final class EmberYarnJobs {
  private EmberYarnJobs() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: EmberYarnJobs <trivial|wordcount|q1> <input dir> <answer file>");
      System.exit(2);
    }
    String answer;
    try (EmberSession ember = EmberSession.builder().appName("bench-ember-" + args[0]).build()) {
      answer = run(ember, args[0], args[1] + "/lineitem");
    }
    AnswerFile.write(new Configuration(), args[2], answer);
  }

  static String run(EmberSession ember, String workload, String lineitem) {
    switch (workload) {
      case "trivial":
        return "count=" + ember.parallelize(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 2).count();
      case "wordcount":
        return Answers.wordCount(
            ember
                .textFile(lineitem, 2)
                .flatMap(line -> Answers.words(LineItem.comment(line)).iterator())
                .mapToPair(word -> Pair.of(word, 1L))
                .reduceByKey(Long::sum)
                .dataset()
                .map(p -> Answers.wordSummary(p.key(), p.value()))
                .reduce(Answers::sum));
      case "q1":
        return Q1Aggregate.answer(
            ember
                .textFile(lineitem, 2)
                .map(LineItem::parse)
                .filter(Q1Aggregate::selected)
                .mapToPair(item -> Pair.of(Q1Aggregate.group(item), Q1Aggregate.of(item)))
                .reduceByKey(Q1Aggregate::plus)
                .collectAsMap());
      default:
        throw new IllegalArgumentException(
            "unknown workload '" + workload + "'; use trivial, wordcount or q1");
    }
  }
}
