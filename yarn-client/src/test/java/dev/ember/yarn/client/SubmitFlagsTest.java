package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.conf.EmberConf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The flags of cluster deploy mode that are checked before ember-submit contacts a cluster: the
 * cluster configuration here points at no ResourceManager, so a check that passed would end in
 * LOST_CONTACT, never in a submission.
 */
class SubmitFlagsTest {
  @TempDir Path dir;

  @Test
  void missingPropertiesFileIsAUsageErrorNamingIt() throws IOException {
    Result r = cluster(List.of("--properties-file", dir.resolve("nope.conf").toString()));
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("--properties-file", "nope.conf", "does not exist");
  }

  @Test
  void propertiesFileIsLoadedBeforeConfFlags() throws IOException {
    Path props =
        Files.writeString(
            dir.resolve("app.conf"), "ember.executor.cores 3\nember.app.name fromFile\n");
    Result r =
        cluster(
            List.of(
                "--class", // stops the run after --verbose printed, before any cluster contact
                "a.Nope",
                "--verbose",
                "--properties-file",
                props.toString(),
                "--conf",
                "ember.app.name=fromConf"));
    assertThat(r.output)
        .contains("ember.executor.cores=3  (from " + props + ":1)")
        .contains("ember.app.name=fromConf  (from --conf)");
  }

  @Test
  void propertiesFileWithABadValueNamesTheKey() throws IOException {
    Path props = Files.writeString(dir.resolve("bad.conf"), "ember.executor.memory 4x\n");
    Result r = cluster(List.of("--properties-file", props.toString()));
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("ember.executor.memory", "4x");
  }

  @Test
  void verboseRedactsSecrets() throws IOException {
    Result r =
        cluster(
            List.of(
                "--class",
                "a.Nope",
                "--verbose",
                "--conf",
                "fs.s3a.secret.key=hunter2",
                "--conf",
                "ember.app.name=visible"));
    assertThat(r.output)
        .contains("Parsed arguments:", "--conf fs.s3a.secret.key=" + VerboseReport.REDACTED)
        .contains("ember.app.name=visible")
        .doesNotContain("hunter2");
  }

  @Test
  void missingFilesEntryIsAUsageErrorNamingTheFlagAndPath() throws IOException {
    Result r = cluster(List.of("--files", dir.resolve("lookup.csv") + ",x"));
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("--files " + dir.resolve("lookup.csv"), "does not exist");
  }

  @Test
  void missingJarsEntryIsAUsageError() throws IOException {
    Result r = cluster(List.of("--jars", dir.resolve("dep.jar").toString()));
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("--jars " + dir.resolve("dep.jar"), "does not exist");
  }

  @Test
  void missingArchiveIsAUsageError() throws IOException {
    Result r = cluster(List.of("--archives", dir.resolve("env.zip") + "#env"));
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("--archives " + dir.resolve("env.zip"), "does not exist");
  }

  @Test
  void mainClassMissingFromTheJarIsAUsageError() throws IOException {
    Result r = run(List.of("--deploy-mode", "cluster", "--class", "a.Nope", jar()));
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("--class a.Nope", "has no a/Nope.class");
  }

  @Test
  void unparseableDriverCoresIsAUsageError() throws IOException {
    Result r = cluster(List.of("--driver-cores", "two"));
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("ember.driver.cores", "two");
  }

  @Test
  void eventsFileThatCannotBeCreatedIsAUsageError() throws IOException {
    Result r = cluster(List.of("--events", dir.resolve("no/such/dir/events.json").toString()));
    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("--events", "events.json");
  }

  @Test
  void maxAppAttemptsDefaultsToAndIsCappedByTheCluster() {
    YarnConfiguration hadoop = new YarnConfiguration();
    hadoop.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 3);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    assertThat(new YarnSubmitter(hadoop, EmberConf.empty(), out, SubmitEvents.none()).maxAttempts())
        .isEqualTo(3);
    assertThat(
            new YarnSubmitter(
                    hadoop,
                    EmberConf.empty().with("ember.yarn.maxAppAttempts", "1"),
                    out,
                    SubmitEvents.none())
                .maxAttempts())
        .isEqualTo(1);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(
            new YarnSubmitter(
                    hadoop,
                    EmberConf.empty().with("ember.yarn.maxAppAttempts", "5"),
                    out,
                    SubmitEvents.none())
                .maxAttempts())
        .isEqualTo(3);
    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("ember.yarn.maxAppAttempts=5", "yarn.resourcemanager.am.max-attempts=3");
  }

  /** A cluster-mode run of a jar holding a.Main with {@code flags} before the jar. */
  private Result cluster(List<String> flags) throws IOException {
    List<String> argv = new ArrayList<>(List.of("--deploy-mode", "cluster", "--class", "a.Main"));
    argv.addAll(flags);
    argv.add(jar());
    return run(argv);
  }

  private String jar() throws IOException {
    Path jar = dir.resolve("app.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new ZipEntry("a/Main.class"));
      out.write(new byte[] {(byte) 0xca, (byte) 0xfe});
      out.closeEntry();
    }
    return jar.toString();
  }

  private static Result run(List<String> args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    YarnConfiguration conf = new YarnConfiguration();
    // Nothing listens here: a run that passed every check fails fast with LOST_CONTACT.
    conf.set(YarnConfiguration.RM_ADDRESS, "127.0.0.1:1");
    conf.setInt("yarn.resourcemanager.connect.max-wait.ms", 1000);
    conf.setInt("yarn.resourcemanager.connect.retry-interval.ms", 100);
    conf.setInt("ipc.client.connect.max.retries", 0);
    int code = EmberSubmit.run(args.toArray(String[]::new), conf, out, out);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private record Result(int code, String output) {}
}
