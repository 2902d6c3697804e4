package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Refusals that happen before ember-submit contacts a cluster (none runs here). */
class EmberSubmitTest {
  @TempDir Path dir;

  @Test
  void missingJarIsAUsageError() {
    Result r =
        run("--deploy-mode", "cluster", "--class", "a.Main", dir.resolve("nope.jar").toString());
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("the application jar", "nope.jar", "does not exist");
  }

  @Test
  void unknownDeployModeIsAUsageErrorNamingBoth() throws IOException {
    Result r = run("--deploy-mode", "driver", "--class", "a.Main", jar());
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output)
        .contains("--deploy-mode driver: unknown deploy mode; use client or cluster");
  }

  @Test
  void clientModeChecksTheMainClassBeforeContactingTheCluster() throws IOException {
    // No cluster runs here: reaching the ResourceManager would fail with exit code 5 instead.
    Result r = run("--master", "yarn", "--class", "a.Missing", jar());
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output)
        .contains("--class a.Missing: cannot load it from")
        .doesNotContain("Submitted application");
  }

  @Test
  void malformedConfIsAUsageError() throws IOException {
    Result r = run("--deploy-mode", "cluster", "--class", "a.Main", "--conf", "novalue", jar());
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("novalue");
  }

  @Test
  void unparseableMemoryIsAUsageErrorNamingTheKey() throws IOException {
    Result r =
        run("--deploy-mode", "cluster", "--class", "a.Main", "--executor-memory", "4x", jar());
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("ember.executor.memory", "4x");
  }

  @Test
  void missingClassIsAUsageError() throws IOException {
    Result r = run("--deploy-mode", "cluster", jar());
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("--class");
  }

  @Test
  void argumentsAfterTheJarBelongToTheApplication() throws IOException {
    // --bogus after the jar is an application argument, so parsing gets as far as the deploy mode.
    Result r = run("--deploy-mode", "driver", "--class", "a.Main", jar(), "--bogus");
    assertThat(r.output).contains("--deploy-mode driver: unknown deploy mode");
  }

  @Test
  void malformedStatusIdIsAUsageErrorNamingTheFlagAndTheForm() {
    Result r = run("--status", "app_12");
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output)
        .contains("--status app_12: not an application id")
        .contains("application_<clusterTimestamp>_<sequence>");
  }

  @Test
  void malformedKillIdIsAUsageErrorNamingTheFlag() {
    Result r = run("--kill", "application_abc_1");
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("--kill application_abc_1: not an application id");
  }

  @Test
  void statusAndKillCannotBeCombined() {
    Result r = run("--status", "application_1700000000000_0001", "--kill", "application_1_2");
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("--status and --kill cannot be combined");
  }

  @Test
  void missingJarArgumentIsAUsageError() {
    Result r = run("--deploy-mode", "cluster", "--class", "a.Main");
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("the application jar is missing");
  }

  @Test
  void exitCodesFollowTheFinalStateAndStatus() {
    assertThat(
            ApplicationMonitor.exitCode(
                YarnApplicationState.FINISHED, FinalApplicationStatus.SUCCEEDED))
        .isEqualTo(ExitCodes.SUCCESS);
    assertThat(
            ApplicationMonitor.exitCode(
                YarnApplicationState.FINISHED, FinalApplicationStatus.FAILED))
        .isEqualTo(ExitCodes.APPLICATION_FAILED);
    assertThat(
            ApplicationMonitor.exitCode(YarnApplicationState.FAILED, FinalApplicationStatus.FAILED))
        .isEqualTo(ExitCodes.APPLICATION_FAILED);
    assertThat(
            ApplicationMonitor.exitCode(YarnApplicationState.KILLED, FinalApplicationStatus.KILLED))
        .isEqualTo(ExitCodes.APPLICATION_KILLED);
  }

  @Test
  void pollsComeSoonerAfterAStateChangeAndNeverFurtherApartThanTheInterval() {
    Duration max = Duration.ofSeconds(1);
    assertThat(ApplicationMonitor.nextWait(Duration.ZERO, max)).isEqualTo(Duration.ofMillis(200));
    assertThat(ApplicationMonitor.nextWait(Duration.ofMillis(1500), max))
        .isEqualTo(Duration.ofMillis(200));
    assertThat(ApplicationMonitor.nextWait(Duration.ofSeconds(4), max))
        .isEqualTo(Duration.ofMillis(400));
    assertThat(ApplicationMonitor.nextWait(Duration.ofMinutes(5), max)).isEqualTo(max);
    // An interval set below the minimum wins.
    assertThat(ApplicationMonitor.nextWait(Duration.ofSeconds(4), Duration.ofMillis(50)))
        .isEqualTo(Duration.ofMillis(50));
  }

  private String jar() throws IOException {
    return Files.write(dir.resolve("app.jar"), new byte[0]).toString();
  }

  private static Result run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = EmberSubmit.run(args, new YarnConfiguration(), out, out);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private record Result(int code, String output) {}
}
