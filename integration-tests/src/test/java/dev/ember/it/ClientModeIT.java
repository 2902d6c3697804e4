package dev.ember.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.it.jobs.CountJob;
import dev.ember.it.jobs.FailingJob;
import dev.ember.it.jobs.SleepJob;
import dev.ember.rpc.RpcSecret;
import dev.ember.yarn.am.ApplicationMasterClient;
import dev.ember.yarn.client.EmberSubmit;
import dev.ember.yarn.client.ExitCodes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ember-submit in client deploy mode on a MiniYARNCluster + MiniDFSCluster: the driver runs in this
 * JVM (ember-submit's), the ApplicationMaster only negotiates executor containers. Also the
 * examples (WordCount, TpchQ1) in both deploy modes against their local-mode output.
 */
class ClientModeIT {
  private static final Pattern SUBMITTED =
      Pattern.compile("Submitted application (application_\\d+_\\d+)");
  private static final Pattern AM_ADDRESS = Pattern.compile("ApplicationMaster at (\\S+);");

  @TempDir static java.nio.file.Path dir;

  private static YarnTestCluster cluster;
  private static YarnClient yarn;
  private static java.nio.file.Path appJar;

  @BeforeAll
  static void start() throws IOException {
    cluster = YarnTestCluster.builder(dir).start();
    appJar = YarnTestCluster.appJar(dir, CountJob.class);
    yarn = YarnClient.createYarnClient();
    yarn.init(cluster.conf());
    yarn.start();
  }

  @AfterAll
  static void stop() throws IOException {
    if (yarn != null) {
      yarn.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  /**
   * The examples' WordCount and TpchQ1 on HDFS input (TPC-H lineitem at SF 0.01), submitted with
   * their application jar in cluster and in client deploy mode: each output equals the local-mode
   * run's on the same input.
   */
  @Test
  void wordCountAndTpchQ1OnHdfsMatchLocalModeInBothDeployModes() throws Exception {
    java.nio.file.Path examplesJar = examplesAppJar();
    String tpch = cluster.uri("/examples/tpch");
    String lineitem = tpch + "/lineitem";
    Result generated =
        runExample(
            examplesJar,
            "local[2]",
            null,
            "dev.ember.examples.TpchGenerate",
            "0.01",
            tpch,
            "lineitem");
    assertThat(generated.exitCode()).as(generated.output()).isEqualTo(ExitCodes.SUCCESS);

    for (String mode : List.of("local", "cluster", "client")) {
      String master = mode.equals("local") ? "local[2]" : "yarn";
      String deployMode = mode.equals("local") ? null : mode;
      Result q1 =
          runExample(
              examplesJar,
              master,
              deployMode,
              "dev.ember.examples.TpchQ1",
              lineitem,
              cluster.uri("/examples/" + mode + "/q1"));
      assertThat(q1.exitCode()).as(mode + ": " + q1.output()).isEqualTo(ExitCodes.SUCCESS);
      Result wc =
          runExample(
              examplesJar,
              master,
              deployMode,
              "dev.ember.examples.WordCount",
              lineitem,
              cluster.uri("/examples/" + mode + "/wc"));
      assertThat(wc.exitCode()).as(mode + ": " + wc.output()).isEqualTo(ExitCodes.SUCCESS);
    }

    List<String> localQ1 = partLines("/examples/local/q1");
    assertThat(localQ1).hasSize(5).anyMatch(line -> line.startsWith("l_returnflag"));
    List<String> localWc = partLines("/examples/local/wc");
    assertThat(localWc).hasSizeGreaterThan(100);
    for (String mode : List.of("cluster", "client")) {
      assertThat(partLines("/examples/" + mode + "/q1")).as(mode).isEqualTo(localQ1);
      assertThat(partLines("/examples/" + mode + "/wc")).as(mode).isEqualTo(localWc);
    }
  }

  /** The lines of every part file under {@code dir}, sorted (partitioning may differ by mode). */
  private static List<String> partLines(String dir) throws IOException {
    List<String> lines = new ArrayList<>();
    for (var status : cluster.fs().listStatus(new Path(dir))) {
      if (status.getPath().getName().startsWith("part-")) {
        try (var in = cluster.fs().open(status.getPath())) {
          String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          lines.addAll(List.of(text.split("\n")));
        }
      }
    }
    lines.sort(null);
    return lines;
  }

  private static java.nio.file.Path examplesAppJar() throws IOException {
    java.nio.file.Path target =
        java.nio.file.Path.of(System.getProperty("dev.ember.it.repoRoot", ".."), "examples/target");
    try (Stream<java.nio.file.Path> files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().matches("ember-examples-.*-app\\.jar"))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no examples app jar in " + target));
    }
  }

  /** Runs an example through ember-submit in this JVM; {@code deployMode} null for local. */
  private static Result runExample(
      java.nio.file.Path jar, String master, String deployMode, String mainClass, String... args) {
    List<String> argv = new ArrayList<>(List.of("--master", master, "--class", mainClass));
    if (deployMode != null) {
      argv.addAll(
          List.of(
              "--deploy-mode",
              deployMode,
              "--num-executors",
              "2",
              "--executor-memory",
              "512m",
              "--driver-memory",
              "512m",
              "--conf",
              "ember.yarn.am.memory=256m",
              "--conf",
              "ember.yarn.report.interval=200ms"));
      String jars = YarnTestCluster.emberJars();
      if (!jars.isEmpty()) {
        argv.addAll(List.of("--conf", "ember.yarn.jars=" + jars));
      }
    }
    argv.add(jar.toString());
    argv.addAll(List.of(args));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = EmberSubmit.run(argv.toArray(String[]::new), cluster.conf(), out, out);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void countRunsItsDriverHereAndSucceeds() throws Exception {
    String output = cluster.uri("/out/client-count.txt");
    Result result = submit(CountJob.class, output);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(result.output())
        .contains(
            "Submitted application application_",
            "Tracking URL: ",
            "running the driver in this process",
            "Final status: SUCCEEDED");
    try (InputStream in = cluster.fs().open(new Path("/out/client-count.txt"))) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("count=10\na=4\nb=2\nc=5\n");
    }
    ApplicationReport report = yarn.getApplicationReport(appId(result.output()));
    assertThat(report.getYarnApplicationState()).isEqualTo(YarnApplicationState.FINISHED);
    assertThat(report.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
    assertThat(cluster.stagedApplications()).as("staging directories left behind").isEmpty();
    assertThat(awaitNoRunningContainers()).as("containers left running on the nodes").isZero();
  }

  @Test
  void failingMainFailsTheApplication() throws Exception {
    Result result = submit(FailingJob.class);

    assertThat(result.exitCode()).as(result.output()).isEqualTo(ExitCodes.APPLICATION_FAILED);
    assertThat(result.output())
        .contains("Final status: FAILED", "deliberate failure in FailingJob");
    ApplicationReport report = yarn.getApplicationReport(appId(result.output()));
    assertThat(report.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.FAILED);
    assertThat(report.getDiagnostics()).contains("deliberate failure in FailingJob");
  }

  @Test
  void theApplicationMasterRejectsAWrongSecretAndAllocatesNothing() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    CompletableFuture<Integer> submitter =
        CompletableFuture.supplyAsync(() -> submit(SleepJob.class, output, "15000"));
    String amAddress = awaitDriverRunning(output, submitter).group(2);
    ApplicationId appId = appId(output.toString(StandardCharsets.UTF_8));

    try (ApplicationMasterClient intruder =
        ApplicationMasterClient.connect(amAddress, RpcSecret.generate(), Duration.ofSeconds(1))) {
      assertThatThrownBy(() -> intruder.requestExecutors(3, "127.0.0.1:1"))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
      assertThatThrownBy(() -> intruder.finish(false, "forged"))
          .isInstanceOfSatisfying(
              StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    }
    // SleepJob starts no session, so the AM's container is the application's only one; watch
    // until the application ends, across many AM heartbeats after the rejected request.
    int maxContainers = 0;
    while (!submitter.isDone()) {
      ApplicationReport report = yarn.getApplicationReport(appId);
      if (report.getYarnApplicationState() == YarnApplicationState.RUNNING) {
        maxContainers =
            Math.max(
                maxContainers, report.getApplicationResourceUsageReport().getNumUsedContainers());
      }
      Thread.sleep(200);
    }

    String text = output.toString(StandardCharsets.UTF_8);
    assertThat(submitter.get()).as(text).isEqualTo(ExitCodes.SUCCESS);
    assertThat(text).contains("Final status: SUCCEEDED").doesNotContain("forged");
    assertThat(maxContainers).as("containers of the application while it ran").isEqualTo(1);
  }

  @Test
  void killingTheApplicationStopsTheDriverAndExitsThree() throws Exception {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    CompletableFuture<Integer> submitter =
        CompletableFuture.supplyAsync(() -> submit(SleepJob.class, output));
    String appId = awaitDriverRunning(output, submitter).group(1);

    Result kill = control("--kill", appId);
    assertThat(kill.exitCode()).as(kill.output()).isEqualTo(ExitCodes.SUCCESS);

    int code = submitter.get(60, TimeUnit.SECONDS);
    String text = output.toString(StandardCharsets.UTF_8);
    assertThat(code).as(text).isEqualTo(ExitCodes.APPLICATION_KILLED);
    assertThat(text).contains("stopping the driver", "Final state: KILLED");
  }

  /** The submitter's application id (group 1) and AM address (group 2) once its driver runs. */
  private static Matcher awaitDriverRunning(
      ByteArrayOutputStream output, CompletableFuture<Integer> done) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      String text = output.toString(StandardCharsets.UTF_8);
      Matcher id = SUBMITTED.matcher(text);
      Matcher am = AM_ADDRESS.matcher(text);
      if (id.find() && am.find()) {
        Matcher both =
            Pattern.compile("(" + id.group(1) + ")[\\s\\S]*ApplicationMaster at (\\S+);")
                .matcher(text);
        assertThat(both.find()).isTrue();
        return both;
      }
      assertThat(done).as(text).isNotDone();
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the driver did not start within 60 s: " + output.toString(StandardCharsets.UTF_8));
  }

  /** Running containers on all nodes, once it is 0 or after a bounded wait (the RM is async). */
  private static int awaitNoRunningContainers()
      throws IOException, YarnException, InterruptedException {
    int running = -1;
    for (int i = 0; i < 150 && running != 0; i++) {
      running = yarn.getNodeReports().stream().mapToInt(NodeReport::getNumContainers).sum();
      if (running != 0) {
        Thread.sleep(200);
      }
    }
    return running;
  }

  private static ApplicationId appId(String output) {
    Matcher m = SUBMITTED.matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return ApplicationId.fromString(m.group(1));
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
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = submit(mainClass, bytes, args);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  /** Submits in client mode (the default: no --deploy-mode). */
  private static int submit(Class<?> mainClass, ByteArrayOutputStream bytes, String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "--master",
                "yarn",
                "--class",
                mainClass.getName(),
                "--name",
                mainClass.getSimpleName(),
                "--num-executors",
                "2",
                "--executor-memory",
                "512m",
                "--conf",
                "ember.yarn.am.memory=256m",
                "--conf",
                "ember.yarn.report.interval=200ms"));
    String jars = YarnTestCluster.emberJars();
    if (!jars.isEmpty()) {
      argv.addAll(List.of("--conf", "ember.yarn.jars=" + jars));
    }
    argv.add(appJar.toString());
    argv.addAll(List.of(args));
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    return EmberSubmit.run(argv.toArray(String[]::new), cluster.conf(), out, out);
  }

  private record Result(int exitCode, String output) {}
}
