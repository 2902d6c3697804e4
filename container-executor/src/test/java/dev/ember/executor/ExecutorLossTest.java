package dev.ember.executor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberSession;
import dev.ember.Pair;
import dev.ember.TaskContext;
import dev.ember.scheduler.JobSummary;
import dev.ember.scheduler.StageSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failure injection on {@code local-cluster[2,1,512]}: an executor process is killed while it runs
 * a reduce task. Its task is re-run on the other executor, the map outputs it held are recomputed
 * after the fetch failure, and the job's answer is still right.
 */
class ExecutorLossTest {
  @TempDir Path tmp;

  @Test
  void killingAnExecutorMidJobReRunsItsTasksAndRecomputesItsMapOutputs() throws Exception {
    List<JobSummary> jobs = new CopyOnWriteArrayList<>();
    try (EmberSession ember =
        EmberSession.builder().appName("executor-loss").master("local-cluster[2,1,512]").build()) {
      ember.addJobListener(jobs::add);
      String markers = tmp.toString();
      CompletableFuture<Map<Integer, Long>> job =
          CompletableFuture.supplyAsync(
              () ->
                  ember
                      .parallelize(IntStream.range(0, 4_000).boxed().toList(), 4)
                      .mapToPair(x -> Pair.of(x % 10, 1L))
                      .reduceByKey(Long::sum, 4)
                      .dataset()
                      .mapPartitions(
                          it -> {
                            TaskContext context = TaskContext.get().orElseThrow();
                            if (context.stageAttempt() == 0 && context.attemptNumber() == 0) {
                              // Tell the test which process runs a reduce task, then give it
                              // time to kill that process before the task fetches its input.
                              Files.createFile(
                                  Path.of(
                                      markers,
                                      ProcessHandle.current().pid() + "-" + context.partitionId()));
                              Thread.sleep(3_000);
                            }
                            return it;
                          })
                      .mapToPair(p -> p)
                      .collectAsMap());

      ProcessHandle victim = firstReduceTaskProcess(tmp);
      victim.destroyForcibly();
      assertThat(victim.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();

      Map<Integer, Long> counts = job.get(120, TimeUnit.SECONDS);
      assertThat(counts)
          .isEqualTo(
              IntStream.range(0, 10)
                  .boxed()
                  .collect(java.util.stream.Collectors.toMap(k -> k, k -> 400L)));
      assertThat(LocalClusterTest.executorProcesses()).hasSize(1);
      // The map stage ran again for the outputs that died with the executor.
      assertThat(jobs).hasSize(1);
      assertThat(jobs.get(0).stages()).anyMatch(s -> s.attempts() > 1);
      assertThat(jobs.get(0).stages().stream().mapToInt(StageSummary::attempts).sum())
          .isGreaterThan(2);
    }
  }

  /** Waits for a reduce task's marker and returns the executor process that wrote it. */
  private static ProcessHandle firstReduceTaskProcess(Path markers) throws Exception {
    while (true) {
      try (Stream<Path> files = Files.list(markers)) {
        var marker = files.findFirst();
        if (marker.isPresent()) {
          long pid = Long.parseLong(marker.get().getFileName().toString().split("-")[0]);
          return ProcessHandle.of(pid).orElseThrow();
        }
      }
      Thread.sleep(50);
    }
  }
}
