package dev.ember.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.it.jobs.FaultToleranceJob;
import dev.ember.it.jobs.FaultToleranceJob.Mode;
import dev.ember.yarn.client.EmberSubmit;
import dev.ember.yarn.client.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault tolerance on a MiniYARNCluster + MiniDFSCluster, proven by injecting failures ({@link
 * FailureInjection}) into {@link FaultToleranceJob} runs in cluster deploy mode: failed task
 * attempts are retried, an always-failing task fails the application after exactly {@code
 * ember.task.maxFailures} attempts (with exclusion on failure: as soon as no executor may run it; a
 * task failing on one executor then succeeds on the other, which alone runs the next stage), a
 * killed executor's running tasks, lost map outputs (fetch failure) and cached partitions are
 * recomputed, and a killed ApplicationMaster's application is run again by the next attempt, which
 * aborts the first attempt's uncommitted output. Every surviving run must write exactly the clean
 * run's output (three part files and {@code _SUCCESS}, no {@code _temporary}), and its summary must
 * show the retries. Last (it leaves one DataNode), a DataNode stopped while the input stage reads a
 * replication-2 file loses nothing. With {@code ember.speculation=true}, a straggling reduce task
 * gets a speculative copy on the other executor, and exactly one attempt's output is committed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {
  /** What {@link FaultToleranceJob} writes in a clean run: part file name to content. */
  private static final Map<String, String> CLEAN_OUTPUT =
      Map.of(
          "part-00000", "0=126\n3=147\n",
          "part-00001", "1=133\n4=154\n",
          "part-00002", "2=140\n5=120\n");

  private static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir static java.nio.file.Path dir;

  private static YarnTestCluster cluster;
  private static java.nio.file.Path appJar;

  @BeforeAll
  static void start() throws IOException {
    cluster = YarnTestCluster.builder(dir).start();
    appJar = YarnTestCluster.appJar(dir, FaultToleranceJob.class);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void aTaskFailingItsFirstTwoAttemptsIsRetriedAndTheJobSucceeds() throws Exception {
    Run run = Run.start("fail-twice", Mode.FAIL_TWICE, List.of());
    Result result = run.finish();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.SUCCESS);
    assertCleanOutput(run);
    assertThat(run.injection.markers("map-"))
        .filteredOn(m -> m.contains("-p1-"))
        .extracting(m -> m.replaceAll(".*-p1-(a\\d+)-e.*", "$1"))
        .containsExactly("a0", "a1", "a2");
    List<String> summary = run.summary();
    // Failed attempts' accumulator updates are not merged: every record counted once.
    assertThat(summary).contains("records=40", "written=6");
    List<String> stages = stageLines(summary);
    assertThat(stages).as(String.join("\n", stages)).allMatch(l -> l.contains(" attempts=1 "));
    // The map stage reports the two failed attempts.
    assertThat(stages.get(0)).as(String.join("\n", stages)).contains(" failedTasks=2 ");
  }

  @Test
  @Order(2)
  void aTaskThatAlwaysFailsFailsTheApplicationAfterMaxFailuresAttempts() throws Exception {
    Run run = Run.start("fail-always", Mode.FAIL_ALWAYS, List.of());
    Result result = run.finish();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.APPLICATION_FAILED);
    assertThat(result.output())
        .contains(
            "Final status: FAILED",
            "task 1 (partition 1)",
            "failed 3 times",
            "java.lang.IllegalStateException: injected failure of partition 1, attempt 2");
    assertThat(run.injection.markers("map-"))
        .filteredOn(m -> m.contains("-p1-"))
        .extracting(m -> m.replaceAll(".*-p1-(a\\d+)-e.*", "$1"))
        .containsExactly("a0", "a1", "a2");
    assertThat(files(run.data())).as("the failed job's output was aborted").isEmpty();
  }

  @Test
  @Order(3)
  void withExclusionOnFailureATaskFailingEverywhereFailsTheApplicationOnceNoExecutorMayRunIt()
      throws Exception {
    // After the task failed once on each of the two executors, neither may run it again
    // (task.maxTaskAttemptsPerExecutor=1), so the application fails after the unschedulable
    // timeout, well before ember.task.maxFailures=5 attempts.
    Run run =
        Run.start(
            "exclude-always",
            Mode.FAIL_ALWAYS,
            List.of(
                "ember.task.maxFailures=5",
                "ember.excludeOnFailure.enabled=true",
                "ember.excludeOnFailure.unschedulableTaskSetTimeout=1s"));
    Result result = run.finish();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.APPLICATION_FAILED);
    assertThat(result.output())
        .contains(
            "Final status: FAILED",
            "task 1 (partition 1) of ",
            "cannot run anywhere: every live executor or its host is excluded for it",
            "(ember.excludeOnFailure.task.maxTaskAttemptsPerExecutor=1)",
            "ember.excludeOnFailure.enabled=false",
            "java.lang.IllegalStateException: injected failure of partition 1, attempt 1");
    List<String> attempts =
        run.injection.markers("map-").stream().filter(m -> m.contains("-p1-")).toList();
    assertThat(attempts)
        .extracting(m -> m.replaceAll(".*-p1-(a\\d+)-e.*", "$1"))
        .containsExactly("a0", "a1");
    assertThat(attempts)
        .extracting(FailureInjection::executorOf)
        .as("the retry ran on the other executor")
        .doesNotHaveDuplicates();
    assertThat(files(run.data())).as("the failed job's output was aborted").isEmpty();
  }

  @Test
  @Order(4)
  void withExclusionOnFailureATaskFailingOnOneExecutorSucceedsOnTheOtherWhichRunsTheNextStage()
      throws Exception {
    // One failure excludes the executor (and, with one executor per host, its host) for the
    // application once the map stage succeeded: the reduce stage runs on the other executor only.
    Run run =
        Run.start(
            "exclude-one",
            Mode.FAIL_ON_FIRST_EXECUTOR,
            List.of(
                "ember.excludeOnFailure.enabled=true",
                "ember.excludeOnFailure.application.maxFailedTasksPerExecutor=1",
                "ember.excludeOnFailure.application.maxFailedExecutorsPerNode=1"));
    Result result = run.finish();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.SUCCESS);
    assertCleanOutput(run);
    List<String> attempts =
        run.injection.markers("map-").stream().filter(m -> m.contains("-p1-")).toList();
    assertThat(attempts)
        .extracting(m -> m.replaceAll(".*-p1-(a\\d+)-e.*", "$1"))
        .containsExactly("a0", "a1");
    String excluded = FailureInjection.executorOf(attempts.get(0));
    assertThat(FailureInjection.executorOf(attempts.get(1))).isNotEqualTo(excluded);
    assertThat(run.injection.markers("reduce-"))
        .extracting(FailureInjection::executorOf)
        .as("no reduce task on the excluded executor " + excluded)
        .hasSize(3)
        .doesNotContain(excluded);
    List<String> stages = stageLines(run.summary());
    assertThat(stages.get(0)).as(String.join("\n", stages)).contains(" failedTasks=1 ");
  }

  @Test
  @Order(5)
  void killingAnExecutorHoldingMapOutputsReRunsJustItsMapTasks() throws Exception {
    Run run = Run.start("kill-after-map", Mode.KILL_AFTER_MAP, List.of());
    run.await(
        "reduce tasks waiting at the gate", () -> !run.injection.markers("reduce-").isEmpty());
    List<String> maps = run.injection.markers("map-");
    String victim = FailureInjection.executorOf(maps.get(0));
    Set<String> victimMaps = partitions(maps, victim);
    FailureInjection.killExecutor(run.appId, victim);
    run.injection.openGate();
    Result result = run.finish();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.SUCCESS);
    assertCleanOutput(run);
    // The map stage ran again for just the partitions whose outputs were on the killed executor.
    Set<String> rerun = new TreeSet<>();
    for (String m : run.injection.markers("map-")) {
      if (!m.matches("map-s\\d+\\.0-.*")) {
        rerun.add(m.replaceAll(".*-(p\\d+)-.*", "$1"));
      }
    }
    assertThat(rerun).as("re-run map partitions").isEqualTo(victimMaps);
    List<String> stages = stageLines(run.summary());
    assertThat(stages.get(0)).as(String.join("\n", stages)).doesNotContain(" attempts=1 ");
    assertThat(stages.get(1)).as(String.join("\n", stages)).doesNotContain(" failedTasks=0 ");
    assertThat(run.summary()).contains("written=6");
  }

  @Test
  @Order(6)
  void killingAnExecutorInTheMiddleOfAMapStageReRunsItsTasks() throws Exception {
    Run run = Run.start("kill-during-map", Mode.KILL_DURING_MAP, List.of());
    run.await("two map tasks running", () -> run.injection.markers("map-").size() >= 2);
    String victimMarker = run.injection.markers("map-").get(0);
    String victim = FailureInjection.executorOf(victimMarker);
    String partition = victimMarker.replaceAll(".*-(p\\d+)-.*", "$1");
    FailureInjection.killExecutor(run.appId, victim);
    run.injection.openGate();
    Result result = run.finish();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.SUCCESS);
    assertCleanOutput(run);
    assertThat(run.injection.markers("map-"))
        .as("the killed executor's task ran again elsewhere")
        .anyMatch(m -> m.contains("-" + partition + "-a1-") && !m.endsWith("-e" + victim));
    // The killed attempt never succeeded: its records are not counted.
    assertThat(run.summary()).contains("records=40", "written=6");
    List<String> stages = stageLines(run.summary());
    assertThat(stages.get(0)).as(String.join("\n", stages)).doesNotContain(" failedTasks=0 ");
  }

  @Test
  @Order(7)
  void killingAnExecutorHoldingCachedPartitionsRecomputesThem() throws Exception {
    Run run = Run.start("kill-cached", Mode.KILL_CACHED, List.of());
    run.await("the cached count", () -> cluster.fs().exists(new Path(run.markers, "cached")));
    List<String> cached = run.injection.markers("map-");
    String victim = FailureInjection.executorOf(cached.get(0));
    Set<String> victimPartitions = partitions(cached, victim);
    FailureInjection.killExecutor(run.appId, victim);
    run.injection.openGate();
    Result result = run.finish();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.SUCCESS);
    assertCleanOutput(run);
    Set<String> recomputed = new TreeSet<>();
    for (String m : run.injection.markers("map-")) {
      if (!cached.contains(m)) {
        recomputed.add(m.replaceAll(".*-(p\\d+)-.*", "$1"));
      }
    }
    assertThat(recomputed).as("recomputed partitions").isEqualTo(victimPartitions);
    assertThat(run.summary())
        .contains("cached=40", "records=" + (40 + 10 * victimPartitions.size()), "written=6");
  }

  @Test
  @Order(8)
  void killingTheApplicationMasterOnItsLastAttemptFailsTheApplicationAndLeavesNoOutput()
      throws Exception {
    Run run = Run.start("kill-last-am", Mode.KILL_AM, List.of("ember.yarn.maxAppAttempts=1"));
    run.await("a map task running", () -> !run.injection.markers("map-").isEmpty());
    FailureInjection.killApplicationMaster(run.appId);
    run.injection.openGate();
    Result result = run.finish();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.APPLICATION_FAILED);
    assertThat(result.output()).contains("Final state: FAILED");
    assertThat(files(run.data()))
        .as("no committed part file and no _SUCCESS")
        .noneMatch(f -> f.startsWith("part-") || f.equals("_SUCCESS"));
    assertThat(cluster.stagedApplications()).doesNotContain(run.appId);
  }

  @Test
  @Order(9)
  void killingTheApplicationMasterReRunsTheApplicationInTheNextAttempt() throws Exception {
    Run run = Run.start("kill-am", Mode.KILL_AM, List.of("ember.yarn.maxAppAttempts=2"));
    run.await("a map task running", () -> !run.injection.markers("map-").isEmpty());
    assertThat(cluster.fs().exists(new Path(run.data(), "_temporary")))
        .as("the first attempt set up its output")
        .isTrue();
    FailureInjection.killApplicationMaster(run.appId);
    run.injection.openGate();
    Result result = run.finish();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.SUCCESS);
    assertCleanOutput(run);
    assertThat(run.summary()).contains("records=40", "written=6");
  }

  @Test
  @Order(10)
  void aStragglerGetsASpeculativeCopyAndExactlyOneAttemptsOutputIsCommitted() throws Exception {
    // minTaskRuntime 5s: normally only the 60 s straggler is slow enough. On a loaded machine a
    // map task may also take longer and get a copy; whichever wins, it must count once.
    Run run =
        Run.start(
            "straggler",
            Mode.STRAGGLER,
            List.of("ember.speculation=true", "ember.speculation.minTaskRuntime=5s"));
    Result result = run.finish();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.SUCCESS);
    assertCleanOutput(run);
    List<String> p2 =
        run.injection.markers("reduce-").stream().filter(m -> m.contains("-p2-")).toList();
    assertThat(p2)
        .as("the straggler and its copy")
        .extracting(m -> m.replaceAll(".*-p2-(a\\d+)-e.*", "$1"))
        .containsExactlyInAnyOrder("a0", "a1");
    assertThat(FailureInjection.executorOf(p2.get(0)))
        .as("the copy ran on another executor")
        .isNotEqualTo(FailureInjection.executorOf(p2.get(1)));
    // The straggler was killed (interrupted) and counts nowhere: no failed task, accumulators
    // counted once. In the reduce stage only p2 can be speculated: the rule needs 2 of its 3 tasks
    // to have succeeded first.
    assertThat(run.summary()).contains("stragglerKilled=true", "records=40", "written=6");
    List<String> stages = stageLines(run.summary());
    assertThat(stages.get(1))
        .as(String.join("\n", stages))
        .contains(" tasks=3 ", " failedTasks=0 ", " speculativeTasks=1 ");
    assertThat(stages.get(0))
        .as(String.join("\n", stages))
        .contains(" tasks=4 ", " failedTasks=0 ");
  }

  // ------------------------------------------------------------------ helpers

  /** The partitions ({@code p<n>}) of markers left by tasks on {@code executorId}. */
  private static Set<String> partitions(List<String> markers, String executorId) {
    Set<String> out = new TreeSet<>();
    for (String m : markers) {
      if (m.endsWith("-e" + executorId)) {
        out.add(m.replaceAll(".*-(p\\d+)-.*", "$1"));
      }
    }
    return out;
  }

  private static List<String> stageLines(List<String> summary) {
    return summary.stream().filter(l -> l.startsWith("stage ")).toList();
  }

  @Test
  @Order(11)
  void stoppingADataNodeDuringTheInputStageLosesNothing() throws Exception {
    // 1..60000 in a replication-2 file: both DataNodes hold every block.
    Path input = new Path("/ft/stop-datanode/numbers.txt");
    StringBuilder text = new StringBuilder();
    Map<Integer, Long> expected = new TreeMap<>();
    for (int n = 1; n <= 60_000; n++) {
      text.append(n).append('\n');
      expected.merge(n % 6, (long) n, Long::sum);
    }
    try (var o = cluster.fs().create(input, true, 4096, (short) 2, 1L << 20)) {
      o.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    Run run =
        Run.start("stop-datanode", Mode.STOP_DATANODE, List.of(), cluster.uri(input.toString()));
    run.await("two map tasks reading", () -> run.injection.markers("map-").size() >= 2);
    MiniDFSCluster dfs = cluster.cluster().dfsCluster();
    assertThat(dfs.getDataNodes()).hasSize(2);
    var unused = dfs.stopDataNode(0);
    run.injection.openGate();
    Result result = run.finish();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(files(run.data()))
        .containsExactly("_SUCCESS", "part-00000", "part-00001", "part-00002");
    Map<Integer, Long> sums = new TreeMap<>();
    for (String part : List.of("part-00000", "part-00001", "part-00002")) {
      for (String line : read(new Path(run.data(), part)).split("\n")) {
        String[] kv = line.split("=");
        sums.put(Integer.parseInt(kv[0]), Long.parseLong(kv[1]));
      }
    }
    assertThat(sums).isEqualTo(expected);
    assertThat(run.summary()).contains("records=60000", "written=6");
  }

  /** The output holds exactly the clean run's part files and {@code _SUCCESS}. */
  private static void assertCleanOutput(Run run) throws IOException {
    assertThat(files(run.data()))
        .containsExactly("_SUCCESS", "part-00000", "part-00001", "part-00002");
    for (Map.Entry<String, String> part : CLEAN_OUTPUT.entrySet()) {
      assertThat(read(new Path(run.data(), part.getKey()))).isEqualTo(part.getValue());
    }
  }

  /** Names under a directory, sorted; empty if it does not exist. */
  private static List<String> files(Path directory) throws IOException {
    if (!cluster.fs().exists(directory)) {
      return List.of();
    }
    return Stream.of(cluster.fs().listStatus(directory))
        .map(FileStatus::getPath)
        .map(Path::getName)
        .sorted()
        .toList();
  }

  private static String read(Path file) throws IOException {
    try (InputStream in = cluster.fs().open(file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private record Result(int exitCode, String output) {}

  /** One submission of {@link FaultToleranceJob}, running asynchronously. */
  private static final class Run {
    final Path out;
    final Path markers;
    final FailureInjection injection;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final CompletableFuture<Integer> submitter;
    String appId;

    private Run(String name, Mode mode, List<String> confs, String... extraArgs)
        throws IOException {
      this.out = new Path("/ft/" + name + "/out");
      this.markers = new Path("/ft/" + name + "/markers");
      this.injection = new FailureInjection(cluster.fs(), markers);
      String outUri = cluster.uri(out.toString());
      String markersUri = cluster.uri(markers.toString());
      List<String> args = new ArrayList<>(List.of(mode.name(), outUri, markersUri));
      args.addAll(List.of(extraArgs));
      this.submitter =
          CompletableFuture.supplyAsync(() -> submit(confs, bytes, args.toArray(String[]::new)));
    }

    static Run start(String name, Mode mode, List<String> confs, String... extraArgs)
        throws Exception {
      Run run = new Run(name, mode, confs, extraArgs);
      Pattern submitted = Pattern.compile("Submitted application (application_\\d+_\\d+)");
      run.await(
          "the submission",
          () -> {
            Matcher m = submitted.matcher(run.output());
            if (m.find()) {
              run.appId = m.group(1);
              return true;
            }
            return false;
          });
      return run;
    }

    Path data() {
      return new Path(out, "data");
    }

    String output() {
      return bytes.toString(StandardCharsets.UTF_8);
    }

    void await(String what, FailureInjection.Check condition) throws Exception {
      try {
        FailureInjection.await(what, WAIT, () -> !submitter.isDone(), condition);
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "; ember-submit printed:\n" + output(), e);
      }
    }

    Result finish() throws Exception {
      int code = submitter.get(240, TimeUnit.SECONDS);
      return new Result(code, output());
    }

    List<String> summary() throws IOException {
      return List.of(read(new Path(out, "summary.txt")).split("\n"));
    }
  }

  private static int submit(List<String> confs, ByteArrayOutputStream bytes, String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "--master",
                "yarn",
                "--deploy-mode",
                "cluster",
                "--class",
                FaultToleranceJob.class.getName(),
                "--name",
                "FaultToleranceJob-" + args[0],
                "--num-executors",
                "2",
                "--executor-cores",
                "1",
                "--executor-memory",
                "512m",
                "--driver-memory",
                "512m",
                "--conf",
                "ember.yarn.report.interval=200ms",
                "--conf",
                "ember.yarn.am.heartbeatInterval=300ms",
                "--conf",
                "ember.executor.heartbeatInterval=500ms",
                "--conf",
                "ember.executor.heartbeatTimeout=10s",
                "--conf",
                "ember.task.maxFailures=3"));
    if (confs.stream().noneMatch(f -> f.startsWith("ember.yarn.maxAppAttempts="))) {
      argv.addAll(List.of("--conf", "ember.yarn.maxAppAttempts=1"));
    }
    for (String conf : confs) {
      argv.addAll(List.of("--conf", conf));
    }
    String jars = YarnTestCluster.emberJars();
    if (!jars.isEmpty()) {
      argv.addAll(List.of("--conf", "ember.yarn.jars=" + jars));
    }
    argv.add(appJar.toString());
    argv.addAll(List.of(args));
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    return EmberSubmit.run(argv.toArray(String[]::new), cluster.conf(), out, out);
  }
}
