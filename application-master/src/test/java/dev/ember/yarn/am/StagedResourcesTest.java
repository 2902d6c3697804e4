package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagedResourcesTest {
  @TempDir Path dir;

  @Test
  void readsTheStagingDirectoryOnABackgroundThread() throws Exception {
    Path staging = Files.createDirectories(dir.resolve("app"));
    Files.writeString(staging.resolve("__app__.jar"), "jar");
    Files.writeString(staging.resolve("__ember_conf__.properties"), "a=b");

    StagedResources staged =
        StagedResources.readInBackground(
            new org.apache.hadoop.fs.Path(staging.toUri()), new Configuration());

    Map<String, LocalResource> resources = staged.await();
    assertThat(resources).containsOnlyKeys("__app__.jar", "__ember_conf__.properties");
    assertThat(resources.get("__app__.jar").getSize()).isEqualTo(3);
    assertThat(staged.failed()).isFalse();
    assertThat(staged.fileSystem()).isPresent();
  }

  @Test
  void aStagingDirectoryThatCannotBeListedFailsWithAMessageNamingIt() throws Exception {
    org.apache.hadoop.fs.Path missing = new org.apache.hadoop.fs.Path(dir.resolve("gone").toUri());

    StagedResources staged = StagedResources.readInBackground(missing, new Configuration());

    assertThatThrownBy(staged::await)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot read the application's staging directory " + missing)
        .hasMessageContaining("FileNotFoundException")
        .hasMessageEndingWith(
            "check that it exists and that the application's user can read it, or resubmit with"
                + " ember-submit");
    assertThat(staged.failed()).isTrue();
    // The FileSystem itself opened: the failed attempt can still clean up.
    assertThat(staged.fileSystem()).isPresent();
  }

  @Test
  void theDriverIsNotAwaitedOnceTheResourcesCannotBeRead() throws Exception {
    org.apache.hadoop.fs.Path missing = new org.apache.hadoop.fs.Path(dir.resolve("gone").toUri());
    StagedResources staged = StagedResources.readInBackground(missing, new Configuration());
    // A driver that never ends: it would wait for executors that cannot start.
    CompletableFuture<Optional<String>> driver = new CompletableFuture<>();

    assertThatThrownBy(() -> staged.awaitAlongside(driver))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageStartingWith("cannot read the application's staging directory " + missing);
  }

  @Test
  void theDriverOutcomeIsReturnedWhetherItEndsBeforeOrAfterTheResourcesAreRead() throws Exception {
    CompletableFuture<Map<String, LocalResource>> pending = new CompletableFuture<>();
    StagedResources staged = new StagedResources(new CompletableFuture<>(), pending);
    CompletableFuture<Optional<String>> before =
        CompletableFuture.completedFuture(Optional.of("User class a.B threw x"));
    assertThat(staged.awaitAlongside(before)).contains("User class a.B threw x");

    pending.complete(Map.of());
    CompletableFuture<Optional<String>> after = new CompletableFuture<>();
    new Thread(() -> after.complete(Optional.empty())).start();
    assertThat(staged.awaitAlongside(after)).isEmpty();
  }

  @Test
  void aDriverThatEndedIsReportedEvenIfTheResourcesFailedLater() throws Exception {
    CompletableFuture<Map<String, LocalResource>> failed = new CompletableFuture<>();
    failed.completeExceptionally(new UncheckedIOException(new java.io.IOException("late")));
    StagedResources staged = new StagedResources(new CompletableFuture<>(), failed);

    assertThat(staged.awaitAlongside(CompletableFuture.completedFuture(Optional.of("done"))))
        .contains("done");
  }

  @Test
  void theListWrittenByEmberSubmitIsReadWithoutTheStagingFileSystem() throws Exception {
    Path list = dir.resolve(StagingLayout.EXECUTOR_RESOURCES_FILE);
    try (java.io.Writer out = Files.newBufferedWriter(list)) {
      new ResourceManifest(Map.of("__app__.jar", resource("/staging/__app__.jar"))).writeTo(out);
    }
    Path staging = Files.createDirectories(dir.resolve("app"));

    StagedResources staged =
        StagedResources.fromList(
            list, new org.apache.hadoop.fs.Path(staging.toUri()), new Configuration());

    assertThat(staged.await()).containsOnlyKeys("__app__.jar");
    assertThat(staged.await().get("__app__.jar")).isEqualTo(resource("/staging/__app__.jar"));
    // Opened on demand, for the clean-up.
    assertThat(staged.fileSystem()).isPresent();
  }

  @Test
  void aMalformedListFailsNamingIt() throws Exception {
    Path list = dir.resolve(StagingLayout.EXECUTOR_RESOURCES_FILE);
    Files.writeString(list, "__app__.jar=FILE APPLICATION not-a-size 1 hdfs://nn/x\n");

    assertThatThrownBy(
            () ->
                StagedResources.fromList(
                    list, new org.apache.hadoop.fs.Path(dir.toUri()), new Configuration()))
        .isInstanceOf(java.io.IOException.class)
        .hasMessageStartingWith("cannot read the executors' resources from " + list + ": ")
        .hasMessageContaining("malformed resource entry __app__.jar");
  }

  /** A resource for tests. */
  static LocalResource resource(String path) {
    return LocalResource.newInstance(
        URL.newInstance("hdfs", "nn", 8020, path),
        LocalResourceType.FILE,
        LocalResourceVisibility.APPLICATION,
        1,
        1);
  }
}
