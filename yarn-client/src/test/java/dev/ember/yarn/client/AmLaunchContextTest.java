package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.conf.ConfigException;
import dev.ember.conf.EmberConf;
import dev.ember.yarn.am.AmRole;
import dev.ember.yarn.am.ContainerSize;
import dev.ember.yarn.am.LaunchContexts;
import dev.ember.yarn.am.ResourceManifest;
import dev.ember.yarn.am.SecretCredentials;
import dev.ember.yarn.am.StagingLayout;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ApplicationMaster container's command line, with and without ember.yarn.am.extraJavaOptions.
 */
class AmLaunchContextTest {
  @TempDir Path dir;

  @Test
  void extraJavaOptionsGoBeforeTheMainClassAndTheirCollectorReplacesTheDefault() throws Exception {
    EmberConf conf =
        EmberConf.of(
            Map.of(
                "ember.yarn.am.extraJavaOptions",
                " -XX:+UseSerialGC  -Xlog:class+load:file=am.log -Dx=1 "));
    List<String> options = AmLaunchContext.extraJavaOptions(conf, false);

    assertThat(options)
        .containsExactly("-XX:+UseSerialGC", "-Xlog:class+load:file=am.log", "-Dx=1");
    assertThat(command(options))
        .contains("-Xmx1024m ")
        .doesNotContain("UseParallelGC")
        .containsPattern(
            "-XX:\\+UseSerialGC -Xlog:class\\+load:file=am\\.log -Dx=1"
                + " dev\\.ember\\.yarn\\.am\\.ApplicationMasterMain 1>");
  }

  @Test
  void withoutExtraJavaOptionsTheCommandKeepsTheDefaultCollector() throws Exception {
    List<String> options = AmLaunchContext.extraJavaOptions(EmberConf.empty(), true);

    assertThat(options).isEmpty();
    assertThat(command(options))
        .containsPattern(
            "-Xmx1024m -XX:\\+UseParallelGC -Djava\\.io\\.tmpdir=\\S+"
                + " dev\\.ember\\.yarn\\.am\\.ApplicationMasterMain 1>");
  }

  @Test
  void extraJavaOptionsMayNotSetTheHeapAndNameTheOptionThatDoes() {
    EmberConf conf = EmberConf.of(Map.of("ember.yarn.am.extraJavaOptions", "-Dx=1 -Xmx4g"));

    assertThatThrownBy(() -> AmLaunchContext.extraJavaOptions(conf, false))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "ember.yarn.am.extraJavaOptions: -Xmx4g is not allowed; set the driver's heap (the"
                + " ApplicationMaster's in cluster deploy mode) with ember.driver.memory"
                + " (--driver-memory), which also sizes its container");
    assertThatThrownBy(() -> AmLaunchContext.extraJavaOptions(conf, true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("set the ApplicationMaster's heap with ember.yarn.am.memory");
  }

  @Test
  void theAmGetsTheExecutorsResourcesAsAListItNeedsNoFileSystemToRead() throws Exception {
    Path staging = Files.createDirectories(dir.resolve("listed"));
    Files.writeString(staging.resolve("app.jar"), "jar");
    Configuration hadoopConf = new Configuration();
    FileSystem fs = FileSystem.getLocal(hadoopConf).getRaw();
    org.apache.hadoop.fs.Path stagingDir = new org.apache.hadoop.fs.Path(staging.toUri());

    ContainerLaunchContext context =
        AmLaunchContext.build(
            hadoopConf,
            fs,
            stagingDir,
            new ContainerSize(1024, 384),
            List.of(),
            2,
            SecretCredentials.newSecret(),
            AmRole.CLUSTER);

    assertThat(context.getLocalResources())
        .containsOnlyKeys("app.jar", StagingLayout.EXECUTOR_RESOURCES_FILE);
    Map<String, LocalResource> listed;
    try (Reader in =
        Files.newBufferedReader(
            staging.resolve(StagingLayout.EXECUTOR_RESOURCES_FILE), StandardCharsets.UTF_8)) {
      listed = ResourceManifest.readFrom(in).resources();
    }
    // Exactly the AM's other resources, and the list is not localized into executors.
    assertThat(listed).containsOnlyKeys("app.jar");
    assertThat(listed.get("app.jar")).isEqualTo(context.getLocalResources().get("app.jar"));
    assertThat(LaunchContexts.stagedResources(fs, stagingDir)).containsOnlyKeys("app.jar");
  }

  private String command(List<String> extraJavaOptions) throws Exception {
    Path staging = Files.createDirectories(dir.resolve("staging"));
    Files.writeString(staging.resolve("app.jar"), "jar");
    Configuration hadoopConf = new Configuration();
    ContainerLaunchContext context =
        AmLaunchContext.build(
            hadoopConf,
            FileSystem.getLocal(hadoopConf).getRaw(),
            new org.apache.hadoop.fs.Path(staging.toUri()),
            new ContainerSize(1024, 384),
            extraJavaOptions,
            2,
            SecretCredentials.newSecret(),
            AmRole.CLUSTER);
    assertThat(context.getCommands()).hasSize(1);
    return context.getCommands().get(0);
  }
}
