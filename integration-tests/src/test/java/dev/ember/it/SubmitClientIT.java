package dev.ember.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ember.it.jobs.CountJob;
import dev.ember.it.jobs.FailingJob;
import dev.ember.it.jobs.FilesJob;
import dev.ember.it.jobs.SleepJob;
import dev.ember.yarn.client.EmberSubmit;
import dev.ember.yarn.client.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ember-submit's client side on a MiniYARNCluster + MiniDFSCluster: the shared runtime-jar cache,
 * --files/--jars/--archives, refusals before submission, waitAppCompletion=false and the JSON event
 * stream; and scripts/ember-submit run as a process the way an orchestrator runs it: exit codes,
 * the {@code Submitted application} line, idempotent submission with ember.yarn.submit.key.
 */
class SubmitClientIT {
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
  void filesJarsAndArchivesReachTheDriverAndExecutorsAndTheRuntimeJarsAreUploadedOnce()
      throws Exception {
    assertThat(YarnTestCluster.emberJars()).as("Ember's jars on the test classpath").isNotEmpty();
    int emberJarCount = YarnTestCluster.emberJars().split(",").length;
    String cacheDir = "/shared/ember-cache";
    java.nio.file.Path lookup = Files.writeString(dir.resolve("lookup-source.txt"), "from-files\n");
    java.nio.file.Path extraJar = dir.resolve("extra.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(extraJar))) {
      out.putNextEntry(new ZipEntry("ember-it-extra/marker.txt"));
      out.write("from-jars\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    java.nio.file.Path env = dir.resolve("env.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(env))) {
      out.putNextEntry(new ZipEntry("data/x.txt"));
      out.write("from-archives\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }

    Result first =
        submit(
            FilesJob.class,
            List.of(
                "--conf",
                "ember.yarn.jarCache.dir=" + cacheDir,
                "--files",
                lookup + "#lookup.txt",
                "--jars",
                extraJar.toString(),
                "--archives",
                env + "#env"),
            cluster.uri("/out/files.txt"));

    assertThat(first.exitCode()).as(first.output()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(first.output())
        .contains("Ember runtime jars in the shared cache (PUBLIC): uploaded " + emberJarCount)
        .contains("reused 0 []");
    String expected = "from-files|from-jars|from-archives";
    assertThat(cluster.read("/out/files.txt"))
        .isEqualTo("driver=" + expected + "\nexecutors=[" + expected + "]\n");
    List<String> cachedBefore = cacheListing(cacheDir);
    assertThat(cachedBefore).hasSize(emberJarCount);

    Result second =
        submit(
            CountJob.class,
            List.of("--conf", "ember.yarn.jarCache.dir=" + cacheDir),
            cluster.uri("/out/count-again.txt"));

    assertThat(second.exitCode()).as(second.output()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(second.output())
        .contains("uploaded 0 [], reused " + emberJarCount)
        .containsPattern("Uploaded to \\S+: app.jar as __app__.jar\n");
    assertThat(cacheListing(cacheDir))
        .as("cache files and modification times")
        .isEqualTo(cachedBefore);
    assertThat(cluster.stagedApplications()).isEmpty();
  }

  @Test
  void unknownQueueIsRefusedBeforeSubmission() throws IOException {
    Result r = submit(CountJob.class, List.of("--queue", "nightly"), "unused");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(ExitCodes.SUBMISSION_REFUSED);
    assertThat(r.output())
        .contains("--queue nightly", "no such queue", "default")
        .doesNotContain("Submitted application");
    assertThat(cluster.stagedApplications()).isEmpty();
  }

  @Test
  void driverCoresAboveTheMaximumAllocationAreRefused() throws IOException {
    Result r = submit(CountJob.class, List.of("--driver-cores", "64"), "unused");
    assertThat(r.exitCode()).as(r.output()).isEqualTo(ExitCodes.SUBMISSION_REFUSED);
    assertThat(r.output()).contains("--driver-cores 64", "maximum of").doesNotContain("Submitted");
    assertThat(cluster.stagedApplications()).isEmpty();
  }

  @Test
  void usageErrorsStageNothing() throws IOException {
    List<List<String>> cases =
        List.of(
            List.of("--class", "dev.ember.it.jobs.NoSuchJob"),
            List.of("--executor-memory", "4x"),
            List.of("--conf", "novalue"),
            List.of("--files", dir.resolve("missing.txt").toString()),
            List.of("--files", cluster.uri("/no/such/file.txt")));
    List<String> messages =
        List.of(
            "--class dev.ember.it.jobs.NoSuchJob",
            "ember.executor.memory",
            "--conf novalue",
            "--files " + dir.resolve("missing.txt"),
            "/no/such/file.txt: does not exist");
    for (int i = 0; i < cases.size(); i++) {
      Result r = submit(CountJob.class, cases.get(i), "unused");
      assertThat(r.exitCode()).as(r.output()).isEqualTo(ExitCodes.USAGE_ERROR);
      assertThat(r.output()).contains(messages.get(i)).doesNotContain("Submitted application");
      assertThat(cluster.stagedApplications()).as(cases.get(i).toString()).isEmpty();
    }
  }

  @Test
  void withoutWaitingTheClientExitsOnceAcceptedAndTheApplicationMasterCleansUp() throws Exception {
    Result r =
        submit(
            CountJob.class,
            List.of("--conf", "ember.yarn.submit.waitAppCompletion=false"),
            cluster.uri("/out/nowait.txt"));

    assertThat(r.exitCode()).as(r.output()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(r.output()).contains("Submitted application", "Not waiting").doesNotContain("Final");
    Matcher m =
        Pattern.compile("Submitted application (application_\\d+_\\d+)").matcher(r.output());
    assertThat(m.find()).isTrue();
    ApplicationId appId = ApplicationId.fromString(m.group(1));
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(cluster.conf());
      yarn.start();
      YarnApplicationState state = yarn.getApplicationReport(appId).getYarnApplicationState();
      for (int i = 0; i < 1200 && !YarnTestCluster.isTerminal(state); i++) {
        Thread.sleep(100);
        state = yarn.getApplicationReport(appId).getYarnApplicationState();
      }
      assertThat(state).isEqualTo(YarnApplicationState.FINISHED);
    }
    assertThat(cluster.read("/out/nowait.txt")).startsWith("count=10\n");
    // Deleted by the ApplicationMaster: the client had already gone.
    assertThat(cluster.stagedApplications()).doesNotContain(appId.toString());
  }

  @Test
  void eventsOnStdoutAreJsonLinesFromSubmittedToFinal() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int code =
        submit(
            CountJob.class,
            List.of("--events", "-", "--conf", "ember.yarn.maxAppAttempts=1"),
            stdout,
            stderr,
            cluster.uri("/out/events.txt"));
    String human = stderr.toString(StandardCharsets.UTF_8);
    assertThat(code).as(human).isEqualTo(ExitCodes.SUCCESS);
    assertThat(human).contains("Submitted application application_", "Final status: SUCCEEDED");

    ObjectMapper json = new ObjectMapper();
    List<JsonNode> events = new ArrayList<>();
    for (String line : stdout.toString(StandardCharsets.UTF_8).split("\n")) {
      events.add(json.readTree(line));
    }
    assertThat(events)
        .extracting(e -> e.get("event").asText())
        .startsWith("submitted")
        .endsWith("final");
    assertThat(events).extracting(e -> e.get("event").asText()).contains("state");
    JsonNode submitted = events.get(0);
    assertThat(submitted.get("applicationId").asText()).startsWith("application_");
    assertThat(human).contains("Submitted application " + submitted.get("applicationId").asText());
    assertThat(submitted.get("trackingUrl").asText()).isNotEmpty();
    assertThat(submitted.get("user").asText()).isNotEmpty();
    assertThat(submitted.get("queue").asText()).isEqualTo("default");
    assertThat(submitted.get("time").asText()).isNotEmpty();
    assertThat(events)
        .filteredOn(e -> e.get("event").asText().equals("state"))
        .extracting(e -> e.get("state").asText())
        .contains("RUNNING");
    JsonNode end = events.get(events.size() - 1);
    assertThat(end.get("state").asText()).isEqualTo("FINISHED");
    assertThat(end.get("finalStatus").asText()).isEqualTo("SUCCEEDED");
    assertThat(end.get("exitCode").asInt()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(end.has("diagnostics")).isTrue();
  }

  // ------------------------------------------------ the real script, as an orchestrator runs it

  @Test
  void theScriptGivesTheDocumentedExitCodesForSuccessFailureAndKill() throws Exception {
    Script.Run ok = Script.run(CountJob.class, List.of(), cluster.uri("/out/script-ok.txt"));
    assertThat(ok.exitCode()).as(ok.output()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(ok.applicationId()).as(ok.output()).isNotEmpty();
    assertThat(cluster.read("/out/script-ok.txt")).startsWith("count=10\n");

    Script.Run failed = Script.run(FailingJob.class, List.of());
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(ExitCodes.APPLICATION_FAILED);
    assertThat(failed.applicationId()).as(failed.output()).isNotEmpty();
    assertThat(failed.output()).contains("deliberate failure in FailingJob");

    Script sleeping = Script.start(SleepJob.class, List.of());
    ApplicationId appId = sleeping.awaitApplicationId();
    Script.Run kill = Script.command(List.of("--kill", appId.toString()));
    assertThat(kill.exitCode()).as(kill.output()).isEqualTo(ExitCodes.SUCCESS);
    Script.Run killed = sleeping.awaitExit();
    assertThat(killed.exitCode()).as(killed.output()).isEqualTo(ExitCodes.APPLICATION_KILLED);
    assertThat(killed.output()).contains("Final state: KILLED");
  }

  @Test
  void aSecondSubmissionWithTheSameKeyFailsOrAttaches() throws Exception {
    List<String> key =
        List.of(
            "--conf", "ember.yarn.submit.key=it.attach.2026-12-05", "--conf", "ember.yarn.tags=it");
    Script.Run first =
        Script.run(
            SleepJob.class,
            concat(key, List.of("--conf", "ember.yarn.submit.waitAppCompletion=false")),
            "15000");
    assertThat(first.exitCode()).as(first.output()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(first.output()).contains("Not waiting");
    String running = first.applicationId();

    Script.Run refused = Script.run(SleepJob.class, key, "1");
    assertThat(refused.exitCode()).as(refused.output()).isEqualTo(ExitCodes.ALREADY_RUNNING);
    assertThat(refused.output()).contains(running).doesNotContain("Submitted application");

    Script.Run attached =
        Script.run(
            SleepJob.class,
            concat(key, List.of("--conf", "ember.yarn.submit.ifRunning=attach")),
            "1");
    assertThat(attached.exitCode()).as(attached.output()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(attached.output())
        .contains("Attached to application " + running, "Final status: SUCCEEDED")
        .doesNotContain("Submitted application");
    assertThat(applicationsTagged("ember-key:it.attach.2026-12-05")).containsExactly(running);
  }

  @Test
  void ifRunningKillReplacesTheRunningApplication() throws Exception {
    List<String> key = List.of("--conf", "ember.yarn.submit.key=it.kill.2026-12-05");
    Script owner = Script.start(SleepJob.class, key);
    ApplicationId first = owner.awaitApplicationId();
    awaitState(first, YarnApplicationState.RUNNING);

    Script.Run replacing =
        Script.run(
            CountJob.class,
            concat(key, List.of("--conf", "ember.yarn.submit.ifRunning=kill")),
            cluster.uri("/out/replaced.txt"));
    assertThat(replacing.exitCode()).as(replacing.output()).isEqualTo(ExitCodes.SUCCESS);
    assertThat(replacing.output()).contains("Killing application " + first);
    assertThat(replacing.applicationId()).isNotEqualTo(first.toString());
    assertThat(cluster.read("/out/replaced.txt")).startsWith("count=10\n");
    // The first submitter reports its application's end with the KILLED exit code.
    Script.Run ownerEnd = owner.awaitExit();
    assertThat(ownerEnd.exitCode()).as(ownerEnd.output()).isEqualTo(ExitCodes.APPLICATION_KILLED);
  }

  @Test
  void fromItsSecondRunTheScriptMapsItsClassesFromAnArchiveAndBehavesTheSame() throws Exception {
    java.nio.file.Path cds = Files.createDirectories(dir.resolve("cds-status"));
    java.nio.file.Path classes = dir.resolve("status-class-load.txt");
    List<String> status = List.of("--status", "application_1_0001");
    Map<String, String> env = Map.of("EMBER_SUBMIT_CDS_DIR", cds.toString());

    Script.Run first = Script.command(status, env);
    // Written as the first JVM exited, under a name with that JVM's pid.
    assertThat(onlyFileIn(cds)).matches("submit-control-\\d+\\.jsa\\.\\d+\\.tmp");
    Map<String, String> logged = new java.util.HashMap<>(env);
    logged.put("EMBER_SUBMIT_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes);
    Script.Run second = Script.command(status, logged);

    assertThat(onlyFileIn(cds)).matches("submit-control-\\d+\\.jsa");
    assertThat(Files.readString(classes))
        .contains("dev.ember.yarn.client.EmberSubmit source: shared objects file");
    assertThat(second.exitCode()).isEqualTo(first.exitCode()).isNotEqualTo(ExitCodes.SUCCESS);
    assertThat(second.output()).isEqualTo(first.output()).contains("application_1_0001");
  }

  /** The name of the one file in {@code dir}; fails if there are none or several. */
  private static String onlyFileIn(java.nio.file.Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      List<String> names = files.map(f -> f.getFileName().toString()).toList();
      assertThat(names).hasSize(1);
      return names.get(0);
    }
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static List<String> applicationsTagged(String tag) throws Exception {
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(cluster.conf());
      yarn.start();
      return yarn
          .getApplications(Set.of("EMBER"), EnumSet.allOf(YarnApplicationState.class), Set.of(tag))
          .stream()
          .map(r -> r.getApplicationId().toString())
          .toList();
    }
  }

  private static void awaitState(ApplicationId appId, YarnApplicationState wanted)
      throws Exception {
    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(cluster.conf());
      yarn.start();
      YarnApplicationState state = yarn.getApplicationReport(appId).getYarnApplicationState();
      for (int i = 0; i < 1200 && state != wanted && !YarnTestCluster.isTerminal(state); i++) {
        Thread.sleep(100);
        state = yarn.getApplicationReport(appId).getYarnApplicationState();
      }
      assertThat(state).isEqualTo(wanted);
    }
  }

  /**
   * {@code scripts/ember-submit} of this checkout run as a separate process, the way Airflow's
   * spark-submit hook or an Oozie shell action runs it: the cluster through HADOOP_CONF_DIR, no
   * {@code hadoop} command on PATH (the script then uses the jars the build resolved), stdout and
   * stderr merged into a file.
   */
  private static final class Script {
    /** What Airflow's spark-submit hook looks for, on the line ember-submit prints. */
    private static final Pattern SUBMITTED =
        Pattern.compile("Submitted application (application_\\d+_\\d+)");

    private final Process process;
    private final java.nio.file.Path log;

    private Script(Process process, java.nio.file.Path log) {
      this.process = process;
      this.log = log;
    }

    record Run(int exitCode, String output) {
      /** The id on the {@code Submitted application} line, "" if none. */
      String applicationId() {
        Matcher m = SUBMITTED.matcher(output);
        return m.find() ? m.group(1) : "";
      }
    }

    static Run run(Class<?> mainClass, List<String> flags, String... args) throws Exception {
      return start(mainClass, flags, args).awaitExit();
    }

    static Script start(Class<?> mainClass, List<String> flags, String... args) throws IOException {
      List<String> argv = YarnTestCluster.submitArgs(mainClass, "cluster", 1);
      argv.addAll(List.of("--conf", "ember.yarn.maxAppAttempts=1"));
      argv.addAll(flags);
      argv.add(appJar.toString());
      argv.addAll(List.of(args));
      return launch(argv);
    }

    static Run command(List<String> argv) throws Exception {
      return launch(argv, Map.of()).awaitExit();
    }

    /** {@link #command} with {@code env} added to the process's environment. */
    static Run command(List<String> argv, Map<String, String> env) throws Exception {
      return launch(argv, env).awaitExit();
    }

    private static Script launch(List<String> argv) throws IOException {
      return launch(argv, Map.of());
    }

    private static Script launch(List<String> argv, Map<String, String> env) throws IOException {
      java.nio.file.Path root =
          java.nio.file.Path.of(System.getProperty("dev.ember.it.repoRoot", ".."));
      List<String> command = new ArrayList<>();
      command.add(root.resolve("scripts/ember-submit").toString());
      command.addAll(argv);
      java.nio.file.Path log = Files.createTempFile(dir, "ember-submit", ".log");
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.redirectOutput(log.toFile());
      pb.environment().put("HADOOP_CONF_DIR", cluster.cluster().confDir().toString());
      pb.environment().put("PATH", "/usr/bin:/bin");
      // The wrapper's class-data archives go here, not under the user's ~/.cache.
      pb.environment().put("EMBER_SUBMIT_CDS_DIR", dir.resolve("cds").toString());
      pb.environment().putAll(env);
      return new Script(pb.start(), log);
    }

    ApplicationId awaitApplicationId() throws Exception {
      for (int i = 0; i < 1800; i++) {
        Matcher m = SUBMITTED.matcher(Files.readString(log));
        if (m.find()) {
          return ApplicationId.fromString(m.group(1));
        }
        if (!process.isAlive()) {
          break;
        }
        Thread.sleep(100);
      }
      throw new AssertionError("no Submitted application line:\n" + Files.readString(log));
    }

    Run awaitExit() throws Exception {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("ember-submit did not exit:\n" + Files.readString(log));
      }
      return new Run(process.exitValue(), Files.readString(log));
    }
  }

  /** Name, length and modification time of each file under the cache directory. */
  private static List<String> cacheListing(String cacheDir) throws IOException {
    List<String> files = new ArrayList<>();
    var it = cluster.fs().listFiles(new Path(cacheDir), true);
    while (it.hasNext()) {
      FileStatus s = it.next();
      files.add(s.getPath() + " " + s.getLen() + " " + s.getModificationTime());
    }
    return files.stream().sorted().toList();
  }

  private static Result submit(Class<?> mainClass, List<String> flags, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = submit(mainClass, flags, bytes, bytes, args);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private static int submit(
      Class<?> mainClass,
      List<String> flags,
      OutputStream stdout,
      OutputStream stderr,
      String... args) {
    List<String> argv = YarnTestCluster.submitArgs(mainClass, "cluster", 2);
    argv.addAll(flags);
    argv.add(appJar.toString());
    argv.addAll(List.of(args));
    PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
    PrintStream err =
        stdout == stderr ? out : new PrintStream(stderr, true, StandardCharsets.UTF_8);
    return EmberSubmit.run(argv.toArray(String[]::new), cluster.conf(), out, err);
  }

  private record Result(int exitCode, String output) {}
}
