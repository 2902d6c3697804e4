package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingCleanupTest {
  @TempDir Path dir;

  @Test
  void aFailedAttemptKeepsTheStagingDirectoryUnlessItIsTheLast() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRaw();
    Path staging = Files.createDirectories(dir.resolve("app"));
    Files.writeString(staging.resolve("__app__.jar"), "x");
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(staging.toUri());
    Map<String, String> first =
        Map.of(
            "CONTAINER_ID",
            "container_1700000000000_0001_01_000001",
            StagingLayout.MAX_ATTEMPTS_ENV,
            "2");
    StagingCleanup.afterAttemptFailure(fs, path, first, new Configuration());
    assertThat(staging).exists();

    Map<String, String> second =
        Map.of(
            "CONTAINER_ID",
            "container_1700000000000_0001_02_000001",
            StagingLayout.MAX_ATTEMPTS_ENV,
            "2");
    StagingCleanup.afterAttemptFailure(fs, path, second, new Configuration());
    assertThat(staging).doesNotExist();
  }

  @Test
  void unregisteringDeletesTheStagingDirectory() throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRaw();
    Path staging = Files.createDirectories(dir.resolve("app"));
    StagingCleanup.beforeUnregister(fs, new org.apache.hadoop.fs.Path(staging.toUri()));
    assertThat(staging).doesNotExist();
  }

  @Test
  void maxAttemptsFallsBackToTheClusterSetting() {
    Configuration conf = new Configuration();
    conf.setInt("yarn.resourcemanager.am.max-attempts", 4);
    assertThat(StagingCleanup.maxAttempts(Map.of(), conf)).isEqualTo(4);
    assertThat(StagingCleanup.maxAttempts(Map.of(StagingLayout.MAX_ATTEMPTS_ENV, "1"), conf))
        .isEqualTo(1);
    assertThat(StagingCleanup.attemptId(Map.of())).isEqualTo(1);
    assertThat(StagingCleanup.isLastAttempt(2, 2)).isTrue();
    assertThat(StagingCleanup.isLastAttempt(1, 2)).isFalse();
  }
}
