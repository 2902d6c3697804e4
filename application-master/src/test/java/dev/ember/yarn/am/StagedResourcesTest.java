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
