package dev.ember.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.it.jobs.CountJob;
import dev.ember.it.jobs.SlowSumJob;
import dev.ember.yarn.client.EmberSubmit;
import dev.ember.yarn.client.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Executor containers that fail, on a MiniYARNCluster + MiniDFSCluster: executors that cannot start
 * fail the application after ember.yarn.maxExecutorFailures instead of hanging, and an executor
 * killed mid-job is replaced while the job still succeeds.
 */
class ExecutorFailureIT {
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
  void executorsThatCannotStartFailTheApplicationAfterMaxExecutorFailures() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code =
        submit(
            CountJob.class,
            List.of(
                "--conf",
                "ember.executor.extraJavaOptions=-XX:+EmberNoSuchOption",
                "--conf",
                "ember.yarn.maxExecutorFailures=3"),
            bytes,
            "unused");
    String output = bytes.toString(StandardCharsets.UTF_8);

    assertThat(code).as(output).isEqualTo(ExitCodes.APPLICATION_FAILED);
    assertThat(output)
        .contains(
            "Final status: FAILED",
            "3 executor containers failed, the maximum allowed (ember.yarn.maxExecutorFailures=3)",
            "failed with exit status 1",
            "yarn logs -applicationId application_",
            "-containerId container_");
    Matcher logCommand =
        Pattern.compile("yarn logs -applicationId (application_\\d+_\\d+) -containerId container_")
            .matcher(output);
    assertThat(logCommand.find()).isTrue();
    assertThat(output).contains("Submitted application " + logCommand.group(1));
  }

  @Test
  void anExecutorKilledMidJobIsReplacedAndTheJobSucceeds() throws Exception {
    String output = cluster.uri("/out/slow-sum.txt");
    String markers = cluster.uri("/markers");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CompletableFuture<Integer> submitter =
        CompletableFuture.supplyAsync(
            () -> submit(SlowSumJob.class, List.of(), bytes, output, markers));
    String appId = awaitAppId(bytes, submitter);
    awaitPath(new Path("/markers"), submitter, bytes);

    ProcessHandle executor = awaitExecutor(appId, "1", submitter, bytes);
    assertThat(executor.destroyForcibly()).isTrue();
    Optional<ProcessHandle> replacement = Optional.empty();
    for (int i = 0; i < 600 && replacement.isEmpty() && !submitter.isDone(); i++) {
      replacement = executorProcess(appId, "3");
      Thread.sleep(100);
    }

    int code = submitter.get(180, TimeUnit.SECONDS);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isEqualTo(ExitCodes.SUCCESS);
    assertThat(replacement).as("a replacement executor 3 was started; " + text).isPresent();
    try (InputStream in = cluster.fs().open(new Path("/out/slow-sum.txt"))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("sum=78\n");
    }
  }

  /**
   * The JVM of executor {@code executorId} of {@code appId}: a descendant process whose command
   * line runs YarnExecutorMain in a container directory of that application.
   */
  private static Optional<ProcessHandle> executorProcess(String appId, String executorId) {
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              String line = p.info().commandLine().orElse("");
              return line.contains("dev.ember.yarn.am.YarnExecutorMain")
                  && line.contains(appId)
                  && line.contains("--executor-id " + executorId + " ");
            })
        .findFirst();
  }

  private static ProcessHandle awaitExecutor(
      String appId, String executorId, CompletableFuture<Integer> done, ByteArrayOutputStream out)
      throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      Optional<ProcessHandle> p = executorProcess(appId, executorId);
      if (p.isPresent()) {
        return p.get();
      }
      assertThat(done).as(out.toString(StandardCharsets.UTF_8)).isNotDone();
      Thread.sleep(100);
    }
    throw new AssertionError("no process of executor " + executorId + " of " + appId);
  }

  private static void awaitPath(
      Path path, CompletableFuture<Integer> done, ByteArrayOutputStream out)
      throws IOException, InterruptedException {
    for (int i = 0; i < 1200; i++) {
      if (cluster.fs().exists(path)) {
        return;
      }
      assertThat(done).as(out.toString(StandardCharsets.UTF_8)).isNotDone();
      Thread.sleep(100);
    }
    throw new AssertionError("no task started: " + out.toString(StandardCharsets.UTF_8));
  }

  private static String awaitAppId(ByteArrayOutputStream output, CompletableFuture<Integer> done)
      throws InterruptedException {
    Pattern submitted = Pattern.compile("Submitted application (application_\\d+_\\d+)");
    for (int i = 0; i < 600; i++) {
      Matcher m = submitted.matcher(output.toString(StandardCharsets.UTF_8));
      if (m.find()) {
        return m.group(1);
      }
      assertThat(done).as(output.toString(StandardCharsets.UTF_8)).isNotDone();
      Thread.sleep(100);
    }
    throw new AssertionError("not submitted: " + output.toString(StandardCharsets.UTF_8));
  }

  private static int submit(
      Class<?> mainClass, List<String> flags, ByteArrayOutputStream bytes, String... args) {
    List<String> argv = YarnTestCluster.submitArgs(mainClass, "cluster", 2);
    argv.addAll(flags);
    argv.add(appJar.toString());
    argv.addAll(List.of(args));
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    return EmberSubmit.run(argv.toArray(String[]::new), cluster.conf(), out, out);
  }
}
