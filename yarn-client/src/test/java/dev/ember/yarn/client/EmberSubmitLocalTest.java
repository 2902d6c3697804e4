package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --master local[N]}: the application's main runs in this JVM from its jar. The job classes
 * are compiled here into a jar, so they are only reachable through the jar, as a user's are.
 */
class EmberSubmitLocalTest {
  private static final String JOB =
      """
      package job;

      import dev.ember.EmberSession;
      import dev.ember.conf.ConfigLoader;
      import java.nio.file.Files;
      import java.nio.file.Path;
      import java.util.List;

      public final class LocalJob {
        public static void main(String[] args) throws Exception {
          if (args[0].equals("fail")) {
            throw new IllegalStateException("deliberate failure in LocalJob",
                new java.io.IOException("disk on fire"));
          }
          try (EmberSession ember = EmberSession.builder()
              .conf(ConfigLoader.create().withSystemProperties(System.getProperties()).load().conf())
              .build()) {
            long count = ember.parallelize(List.of(1, 2, 3, 4, 5), 3).count();
            Files.writeString(Path.of(args[0]),
                "count=" + count
                    + " master=" + System.getProperty("ember.master")
                    + " name=" + System.getProperty("ember.app.name")
                    + " args=" + List.of(args).subList(1, args.length));
          }
        }
      }
      """;

  @TempDir static Path jobDir;
  private static Path jar;

  @TempDir Path dir;

  @BeforeAll
  static void compileJob() throws IOException {
    Path src = Files.createDirectories(jobDir.resolve("src/job")).resolve("LocalJob.java");
    Files.writeString(src, JOB);
    Path classes = Files.createDirectories(jobDir.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "-d",
            classes.toString(),
            "-classpath",
            System.getProperty("java.class.path"),
            src.toString());
    assertThat(rc).as("compiling the test job").isZero();
    jar = jobDir.resolve("job.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
        Stream<Path> files = Files.list(classes.resolve("job"))) {
      for (Path f : files.toList()) {
        out.putNextEntry(new ZipEntry("job/" + f.getFileName()));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
  }

  @Test
  void localMasterRunsMainFromTheJarWithTheOptionsAsSystemProperties() throws IOException {
    Path result = dir.resolve("result.txt");
    Result r =
        run(
            "--master",
            "local[2]",
            "--class",
            "job.LocalJob",
            "--conf",
            "ember.app.name=from-conf",
            jar.toString(),
            result.toString(),
            "x",
            "--y");

    assertThat(r.code).as(r.output).isEqualTo(ExitCodes.SUCCESS);
    assertThat(Files.readString(result))
        .isEqualTo("count=5 master=local[2] name=from-conf args=[x, --y]");
    assertThat(System.getProperty("ember.master")).as("restored after main").isNull();
    assertThat(System.getProperty("ember.app.name")).isNull();
  }

  @Test
  void everyLocalMasterFormRuns() throws IOException {
    for (String master : List.of("local", "local[*]")) {
      Path result = dir.resolve(master + ".txt");
      Result r = run("--master", master, "--class", "job.LocalJob", jar.toString(), "" + result);
      assertThat(r.code).as(r.output).isEqualTo(ExitCodes.SUCCESS);
      assertThat(Files.readString(result)).startsWith("count=5 master=" + master + " ");
    }
  }

  @Test
  void aThrowingMainExitsOneWithItsMessageAndNoStackTrace() {
    Result r = run("--master", "local", "--class", "job.LocalJob", jar.toString(), "fail");

    assertThat(r.code).isEqualTo(ExitCodes.APPLICATION_FAILED);
    assertThat(r.output)
        .contains(
            "ember-submit: job.LocalJob failed: java.lang.IllegalStateException:"
                + " deliberate failure in LocalJob; root cause: java.io.IOException: disk on fire")
        .doesNotContain("\tat ");
  }

  @Test
  void aClassNotInTheJarIsAUsageError() {
    Result r = run("--master", "local[2]", "--class", "job.Missing", jar.toString());

    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("--class job.Missing: cannot load it from", "job.jar");
  }

  @Test
  void clusterDeployModeNeedsYarn() {
    Result r =
        run(
            "--master",
            "local[2]",
            "--deploy-mode",
            "cluster",
            "--class",
            "job.LocalJob",
            jar.toString());

    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("--deploy-mode cluster needs --master yarn");
  }

  @Test
  void anUnknownMasterIsAUsageError() {
    Result r = run("--master", "local[two]", "--class", "job.LocalJob", jar.toString());

    assertThat(r.code).isEqualTo(ExitCodes.USAGE_ERROR);
    assertThat(r.output).contains("--master local[two]: unknown master");
  }

  @Test
  void theJavaActionEntryPointReturnsOnSuccessAndThrowsTheExitCodeOtherwise() throws IOException {
    Path result = dir.resolve("action.txt");
    EmberSubmitAction.main(
        new String[] {
          "--master", "local[1]", "--class", "job.LocalJob", jar.toString(), result.toString()
        });
    assertThat(Files.readString(result)).startsWith("count=5 master=local[1] ");

    assertThatThrownBy(
            () ->
                EmberSubmitAction.main(
                    new String[] {
                      "--master", "local[1]", "--class", "job.LocalJob", jar.toString(), "fail"
                    }))
        .isInstanceOfSatisfying(
            EmberSubmitAction.EmberSubmitFailedException.class,
            e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.APPLICATION_FAILED))
        .hasMessage("ember-submit exited with code 1 (application FAILED)");
    assertThat(EmberSubmitAction.run("--master", "local[1]", jar.toString()))
        .as("no --class")
        .isEqualTo(ExitCodes.USAGE_ERROR);
  }

  private static Result run(String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int code = EmberSubmit.run(args, new YarnConfiguration(), out, out);
    return new Result(code, bytes.toString(StandardCharsets.UTF_8));
  }

  private record Result(int code, String output) {}
}
