package dev.ember.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.it.jobs.CountJob;
import dev.ember.it.jobs.DriverExecutorJob;
import dev.ember.it.jobs.FailingJob;
import dev.ember.it.jobs.SleepJob;
import dev.ember.yarn.client.EmberSubmit;
import dev.ember.yarn.client.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ember-submit in cluster deploy mode on a MiniYARNCluster + MiniDFSCluster. */
class ClusterModeIT {
  @TempDir static java.nio.file.Path dir;

  private static YarnTestCluster cluster;
  private static java.nio.file.Path appJar;

  @BeforeAll
  static void start() throws IOException {
    cluster = YarnTestCluster.builder(dir).start();
    appJar = YarnTestCluster.appJar(dir, CountJob.class);
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void countAndReduceByKeySucceed() throws IOException {
    String output = cluster.uri("/out/count.txt");
    Result result = submit(CountJob.class, output);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(result.output())
        .contains("Submitted application application_", "Final status: SUCCEEDED");
    try (InputStream in = cluster.fs().open(new Path("/out/count.txt"))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("count=10\na=4\nb=2\nc=5\n");
    }
    assertThat(cluster.stagedApplications()).as("staging directories left behind").isEmpty();
  }

  @Test
  void theDriverExecutorRunsTheFirstJobAndStopsGettingTasksOnceTheContainersRegister()
      throws IOException {
    Result result =
        submit(
            DriverExecutorJob.class,
            List.of("--conf", "ember.yarn.driverExecutor.enabled=true"),
            cluster.uri("/out/driver-executor.txt"));

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.SUCCESS);
    String text;
    try (InputStream in = cluster.fs().open(new Path("/out/driver-executor.txt"))) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<String> lines = List.of(text.split("\n"));
    // The session started without waiting for the containers' JVMs, which take seconds; they
    // are launched only once the AM's own executor registered, so it ran the first job's first
    // tasks (containers that registered meanwhile may have run some too).
    assertThat(lines.get(0)).startsWith("first=[").contains("driver");
    assertThat(lines.get(1)).startsWith("later=[").doesNotContain("driver");
    // The containers' reduce tasks fetched the map outputs the AM's executor wrote.
    assertThat(lines.get(2)).isEqualTo("mapStageSkipped=true");
    assertThat(lines.subList(3, lines.size()))
        .hasSize(10)
        .allSatisfy(line -> assertThat(line).matches("\\d=100@\\d+"));
  }

  @Test
  void executorMemoryAboveTheMaximumAllocationIsRefusedBeforeSubmission() throws IOException {
    Result result = submit(CountJob.class, List.of("--executor-memory", "8g"), "unused");

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.SUBMISSION_REFUSED);
    assertThat(result.output())
        .contains("--executor-memory 8192m", "maximum allocation of 4096 MiB")
        .doesNotContain("Submitted application");
    assertThat(cluster.stagedApplications()).isEmpty();
  }

  @Test
  void failingMainFailsTheApplication() throws IOException {
    Result result = submit(FailingJob.class);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.APPLICATION_FAILED);
    assertThat(result.output())
        .contains("Final status: FAILED", "deliberate failure in FailingJob");
  }

  @Test
  void killEndsARunningApplicationAndItsSubmitterExitsThree() throws Exception {
    ByteArrayOutputStream submitterOutput = new ByteArrayOutputStream();
    CompletableFuture<Integer> submitter =
        CompletableFuture.supplyAsync(
            () -> submit(SleepJob.class, List.of(), submitterOutput, new String[0]));
    String appId = awaitRunning(submitterOutput, submitter);

    Result kill = control("--kill", appId);
    assertThat(kill.exitCode()).as(kill.output()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(kill.output()).contains("Killing application " + appId, "Final state: KILLED");

    int submitterCode = submitter.get(60, TimeUnit.SECONDS);
    assertThat(submitterCode)
        .as(submitterOutput.toString(StandardCharsets.UTF_8))
        .isEqualTo(ExitCodes.APPLICATION_KILLED);

    Result status = control("--status", appId);
    assertThat(status.exitCode()).as(status.output()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(status.output())
        .contains("Application " + appId, "State: KILLED", "Final status: KILLED");
  }

  @Test
  void statusOfAnUnknownApplicationIsAUsageError() {
    Result status = control("--status", "application_1_0001");
    assertThat(status.exitCode()).as(status.output()).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(status.output()).contains("does not know application_1_0001");
  }

  /** The id of the submitter's application once it prints the RUNNING state. */
  private static String awaitRunning(ByteArrayOutputStream output, CompletableFuture<Integer> done)
      throws InterruptedException {
    Pattern submitted = Pattern.compile("Submitted application (application_\\d+_\\d+)");
    for (int i = 0; i < 600; i++) {
      String text = output.toString(StandardCharsets.UTF_8);
      Matcher m = submitted.matcher(text);
      if (m.find() && text.contains("state: RUNNING")) {
        return m.group(1);
      }
      assertThat(done).as(text).isNotDone();
      Thread.sleep(100);
    }
    throw new AssertionError("not RUNNING after 60 s: " + output.toString(StandardCharsets.UTF_8));
  }

  private static Result control(String... argv) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>(List.of(argv));
    args.addAll(List.of("--conf", "ember.yarn.report.interval=200ms"));
    int code = EmberSubmit.run(args.toArray(String[]::new), cluster.conf(), out, out);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private static Result submit(Class<?> mainClass, String... args) {
    return submit(mainClass, List.of(), args);
  }

  private static Result submit(Class<?> mainClass, List<String> flags, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = submit(mainClass, flags, bytes, args);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private static int submit(
      Class<?> mainClass, List<String> flags, ByteArrayOutputStream bytes, String[] args) {
    List<String> argv = YarnTestCluster.submitArgs(mainClass, "cluster", 2);
    argv.addAll(flags);
    argv.add(appJar.toString());
    argv.addAll(List.of(args));
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    return EmberSubmit.run(argv.toArray(String[]::new), cluster.conf(), out, out);
  }

  private record Result(int exitCode, String output) {}
}
