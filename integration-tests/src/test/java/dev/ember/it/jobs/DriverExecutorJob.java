package dev.ember.it.jobs;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.Pair;
import dev.ember.PairDataset;
import dev.ember.TaskContext;
import dev.ember.conf.ConfigLoader;
import dev.ember.scheduler.JobSummary;
import dev.ember.scheduler.StageSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Shows which executors ran what when the ApplicationMaster runs an executor of its own ({@code
 * ember.yarn.driverExecutor.enabled}). Writes to the file named by its only argument (a Hadoop
 * URI): {@code first=[ids]}, the executors of the first job (a map and a reduce stage, run as soon
 * as the session is up); {@code later=[ids]}, those of the first small job that ran on none but
 * container executors (small jobs are repeated until one does, for at most 2 minutes); then, for a
 * last job that reads the first job's reduce again, {@code mapStageSkipped=true|false} (whether it
 * reused the first job's map outputs) and one {@code key=count@executor} line per key.
 */
public final class DriverExecutorJob {
  private DriverExecutorJob() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    StringBuilder text = new StringBuilder();
    try (EmberSession ember =
        EmberSession.builder()
            .conf(ConfigLoader.create().withSystemProperties(System.getProperties()).load().conf())
            .build()) {
      List<JobSummary> jobs = new CopyOnWriteArrayList<>();
      ember.addJobListener(jobs::add);
      PairDataset<Integer, Long> counts =
          ember
              .parallelize(IntStream.range(0, 1_000).boxed().toList(), 4)
              .mapToPair(x -> Pair.of(x % 10, 1L))
              .reduceByKey(Long::sum, 3);
      text.append("first=").append(executors(counts.dataset())).append('\n');

      long deadline = System.nanoTime() + 120_000_000_000L;
      TreeSet<String> later;
      do {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the driver's executor still ran tasks after 2 minutes");
        }
        Thread.sleep(200);
        later = executors(ember.parallelize(List.of(1, 2, 3, 4, 5, 6), 6));
      } while (later.contains("driver"));
      text.append("later=").append(later).append('\n');

      List<String> reduced =
          counts
              .dataset()
              .mapPartitions(
                  it -> {
                    List<String> out = new ArrayList<>();
                    it.forEachRemaining(
                        p -> out.add(p.key() + "=" + p.value() + "@" + executorId()));
                    return out.iterator();
                  })
              .collect();
      boolean skipped = jobs.get(jobs.size() - 1).stages().stream().anyMatch(StageSummary::skipped);
      text.append("mapStageSkipped=").append(skipped).append('\n');
      new TreeSet<>(reduced).forEach(line -> text.append(line).append('\n'));
    }
    Path out = new Path(URI.create(args[0]));
    try (OutputStream o = FileSystem.get(out.toUri(), new Configuration()).create(out)) {
      o.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  private static TreeSet<String> executors(Dataset<?> dataset) {
    return new TreeSet<>(dataset.mapPartitions(DriverExecutorJob::whereAmI).collect());
  }

  private static Iterator<String> whereAmI(Iterator<?> partition) {
    partition.forEachRemaining(x -> {});
    return List.of(executorId()).iterator();
  }

  private static String executorId() {
    return TaskContext.get().orElseThrow().env().executorId();
  }
}
