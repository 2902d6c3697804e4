package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.conf.EmberConf;
import dev.ember.yarn.am.AppSpec;
import dev.ember.yarn.am.LaunchContexts;
import dev.ember.yarn.am.StagingLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Staging on the local FileSystem, read back as the ApplicationMaster reads it. */
class StagerTest {
  @TempDir Path dir;

  @Test
  void containersGetTheStagedFilesTheCachedJarsRemoteFilesAndArchives() throws Exception {
    FileSystem fs = FileSystem.getLocal(conf()).getRaw();
    Path appJar = Files.writeString(dir.resolve("etl.jar"), "app");
    Path csv = Files.writeString(dir.resolve("lookup.csv"), "a,1\n");
    Path dep = Files.writeString(dir.resolve("dep.jar"), "dep");
    Path zip = Files.writeString(dir.resolve("env.zip"), "PK");
    Path remote = Files.writeString(dir.resolve("remote.txt"), "remote");
    // A URI with a scheme other than file: (here the raw local FileSystem) stands for hdfs://.
    UserResources resources =
        UserResources.parse(
            List.of(dep.toString()),
            List.of(csv + "#table.csv", "raw://" + remote),
            List.of(zip + "#env"),
            List.of());
    LocalResource cachedJar =
        LocalResource.newInstance(
            URL.fromURI(new java.net.URI("hdfs://nn/cache/ab-ember-engine.jar")),
            LocalResourceType.FILE,
            LocalResourceVisibility.PUBLIC,
            10,
            20);
    Stager stager =
        new Stager(fs, new org.apache.hadoop.fs.Path(dir.resolve("staging").toUri()), appId());

    List<String> uploaded =
        stager.stage(
            appJar,
            EmberConf.empty().with("ember.app.name", "etl"),
            new AppSpec("a.Main", List.of("x")),
            resources,
            Map.of("ember-engine.jar", cachedJar));

    assertThat(uploaded)
        .containsExactly(
            "etl.jar as __app__.jar",
            "--jars dep.jar as dep.jar",
            "--files lookup.csv as table.csv",
            "--archives env.zip as env");
    Map<String, LocalResource> container = LaunchContexts.stagedResources(fs, stager.dir());
    assertThat(container)
        .containsOnlyKeys(
            StagingLayout.APP_JAR,
            StagingLayout.APP_FILE,
            StagingLayout.CONF_FILE,
            "dep.jar",
            "table.csv",
            "remote.txt",
            "env",
            "ember-engine.jar");
    assertThat(container.get("ember-engine.jar")).isEqualTo(cachedJar);
    assertThat(container.get("env").getType()).isEqualTo(LocalResourceType.ARCHIVE);
    assertThat(container.get("env").getResource().getFile()).endsWith("/env/env.zip");
    assertThat(container.get("remote.txt").getResource().getScheme()).isEqualTo("raw");
    assertThat(container.get("remote.txt").getResource().getFile()).isEqualTo(remote.toString());
    assertThat(container.get("table.csv").getVisibility())
        .isEqualTo(LocalResourceVisibility.APPLICATION);

    assertThat(stager.deleteIfPresent()).isTrue();
    assertThat(Files.exists(dir.resolve("staging").resolve(appId().toString()))).isFalse();
    assertThat(stager.deleteIfPresent()).isFalse();
  }

  @Test
  void missingRemoteResourceLeavesNothingStaged() throws IOException, SubmitException {
    FileSystem fs = FileSystem.getLocal(conf()).getRaw();
    Path appJar = Files.writeString(dir.resolve("etl.jar"), "app");
    UserResources resources =
        UserResources.parse(
            List.of(), List.of("raw://" + dir.resolve("gone.txt")), List.of(), List.of());
    Stager stager =
        new Stager(fs, new org.apache.hadoop.fs.Path(dir.resolve("staging").toUri()), appId());
    assertThatThrownBy(
            () ->
                stager.stage(
                    appJar,
                    EmberConf.empty(),
                    new AppSpec("a.Main", List.of()),
                    resources,
                    Map.of()))
        .isInstanceOf(SubmitException.class)
        .hasMessageContaining("--files raw://" + dir.resolve("gone.txt") + ": does not exist");
    assertThat(Files.exists(dir.resolve("staging").resolve(appId().toString()))).isFalse();
  }

  private static Configuration conf() {
    Configuration conf = new Configuration();
    conf.set("fs.raw.impl", RawSchemeFileSystem.class.getName());
    return conf;
  }

  private static ApplicationId appId() {
    return ApplicationId.newInstance(1_700_000_000_000L, 7);
  }
}
