package dev.ember.it.jobs;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.HashPartitioner;
import dev.ember.LongAccumulator;
import dev.ember.Pair;
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
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The job of {@code FaultToleranceIT}: the numbers 1..40 in 4 partitions (the map stage), keyed by
 * {@code n % 6} and shuffled into 3 partitions by a {@link HashPartitioner}, where each reduce task
 * sums its keys and writes {@code key=sum} lines in key order through {@code saveAsTextFile} to
 * {@code <out>/data}. So a clean run writes part-00000 {@code 0=126, 3=147}, part-00001 {@code
 * 1=133, 4=154}, part-00002 {@code 2=140, 5=120}.
 *
 * <p>Then the driver writes {@code <out>/summary.txt}: {@code records=} the map side's record
 * accumulator, {@code written=} the reduce side's (result tasks: counted once per partition), and
 * per job and stage a line {@code stage <id> attempts=<n> tasks=<n> failedTasks=<n>
 * speculativeTasks=<n> skipped=<bool> name=<name>}.
 *
 * <p>Arguments: mode (see {@link Mode}), output directory URI, marker directory URI, and for {@link
 * Mode#STOP_DATANODE} the input file's URI. Faults are injected through {@link TaskFaults}; the
 * test opens gates by creating {@code <markers>/go}.
 */
public final class FaultToleranceJob {
  /** What to inject. */
  public enum Mode {
    /** Nothing. */
    CLEAN,
    /** Map partition 1 fails on its first two attempts. */
    FAIL_TWICE,
    /** Map partition 1 fails on every attempt. */
    FAIL_ALWAYS,
    /** Map partition 1 fails whenever it runs on the executor of its first attempt. */
    FAIL_ON_FIRST_EXECUTOR,
    /** First attempts of map tasks wait at the gate (the test kills an executor meanwhile). */
    KILL_DURING_MAP,
    /**
     * First attempts of reduce tasks wait at the gate after the map stage wrote its outputs and the
     * reducers looked up their locations (the test kills an executor holding map outputs).
     */
    KILL_AFTER_MAP,
    /**
     * The mapped numbers are cached and counted first; then the driver creates {@code
     * <markers>/cached} and waits at the gate (the test kills an executor holding cached
     * partitions) before the shuffle job.
     */
    KILL_CACHED,
    /** Like KILL_DURING_MAP, for killing the ApplicationMaster (attempt 2 finds the gate open). */
    KILL_AM,
    /**
     * The numbers are read from the HDFS text file named by the 4th argument (one a line); first
     * attempts of map tasks read their first record, then wait at the gate (the test stops a
     * DataNode holding a replica of the blocks they are reading).
     */
    STOP_DATANODE,
    /**
     * The first attempt of reduce partition 2 is a straggler: it sleeps for 60 s (interruptibly)
     * before computing anything; with {@code ember.speculation=true} a speculative copy finishes it
     * and the straggler is killed, leaving a {@code killed-} marker. The driver waits up to 30 s
     * for that marker after the job and writes {@code stragglerKilled=<bool>} to the summary.
     */
    STRAGGLER
  }

  private FaultToleranceJob() {}

  public static void main(String[] args) throws IOException {
    Mode mode = Mode.valueOf(args[0]);
    String out = args[1];
    String markers = args[2];
    String gate = markers + "/go";
    List<String> summary = new CopyOnWriteArrayList<>();
    try (EmberSession ember =
        EmberSession.builder()
            .conf(ConfigLoader.create().withSystemProperties(System.getProperties()).load().conf())
            .build()) {
      ember.addJobListener(s -> summary.addAll(describe(s)));
      LongAccumulator records = ember.longAccumulator("records");
      LongAccumulator written = ember.longAccumulator("written");
      List<Integer> numbers = IntStream.rangeClosed(1, 40).boxed().toList();
      Dataset<Integer> source =
          mode == Mode.STOP_DATANODE
              ? ember.textFile(args[3], 4).map(Integer::parseInt)
              : ember.parallelize(numbers, 4);
      Dataset<Integer> mapped =
          source.mapPartitions(
              it -> {
                TaskFaults.mark(markers, "map");
                switch (mode) {
                  case FAIL_TWICE -> TaskFaults.failAttempts(1, 2);
                  case FAIL_ALWAYS -> TaskFaults.failAttempts(1, Integer.MAX_VALUE);
                  case FAIL_ON_FIRST_EXECUTOR ->
                      TaskFaults.failOnExecutorOfFirstAttempt(markers, "map", 1);
                  case KILL_DURING_MAP, KILL_AM -> {
                    if (TaskFaults.firstAttempt()) {
                      TaskFaults.awaitGate(gate);
                    }
                  }
                  default -> {}
                }
                List<Integer> all = new ArrayList<>();
                if (mode == Mode.STOP_DATANODE && it.hasNext()) {
                  all.add(it.next()); // The split's block is open and partly read.
                  if (TaskFaults.firstAttempt()) {
                    TaskFaults.awaitGate(gate);
                  }
                }
                it.forEachRemaining(all::add);
                records.add(all.size());
                return all.iterator();
              });
      if (mode == Mode.KILL_CACHED) {
        mapped = mapped.cache();
        long n = mapped.count();
        summary.add("cached=" + n);
        TaskFaults.touch(markers + "/cached");
        TaskFaults.awaitGate(gate);
      }
      mapped
          .mapToPair(n -> Pair.of(n % 6, n))
          .partitionBy(new HashPartitioner(3))
          .dataset()
          .mapPartitions(
              (Iterator<Pair<Integer, Integer>> it) -> {
                TaskFaults.mark(markers, "reduce");
                if (mode == Mode.KILL_AFTER_MAP && TaskFaults.firstAttempt()) {
                  TaskFaults.awaitGate(gate);
                }
                if (mode == Mode.STRAGGLER
                    && TaskFaults.firstAttempt()
                    && TaskFaults.task().partitionId() == 2) {
                  TaskFaults.straggle(markers, java.time.Duration.ofSeconds(60));
                }
                Map<Integer, Integer> sums = new TreeMap<>();
                it.forEachRemaining(p -> sums.merge(p.key(), p.value(), Integer::sum));
                List<String> lines = new ArrayList<>();
                sums.forEach((k, v) -> lines.add(k + "=" + v));
                written.add(lines.size());
                return lines.iterator();
              })
          .saveAsTextFile(out + "/data");
      if (mode == Mode.STRAGGLER) {
        summary.add(
            "stragglerKilled="
                + TaskFaults.awaitMarker(markers, "killed-", java.time.Duration.ofSeconds(30)));
      }
      summary.add("records=" + records.value());
      summary.add("written=" + written.value());
    }
    Path file = new Path(URI.create(out + "/summary.txt"));
    try (OutputStream o = FileSystem.get(file.toUri(), new Configuration()).create(file, true)) {
      o.write((String.join("\n", summary) + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private static List<String> describe(JobSummary job) {
    List<String> lines = new ArrayList<>();
    lines.add("job " + job.jobId() + " succeeded=" + job.succeeded() + " name=" + job.name());
    for (StageSummary s : job.stages()) {
      lines.add(
          "stage "
              + s.stageId()
              + " attempts="
              + s.attempts()
              + " tasks="
              + s.tasks()
              + " failedTasks="
              + s.failedTasks()
              + " speculativeTasks="
              + s.speculativeTasks()
              + " skipped="
              + s.skipped()
              + " name="
              + s.name());
    }
    return lines;
  }
}
