package dev.ember.commit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplicationOutputMarkerTest {
  @TempDir java.nio.file.Path dir;

  private final FileSystem fs;

  ApplicationOutputMarkerTest() throws IOException {
    fs = FileSystem.getLocal(new Configuration());
  }

  private Path output() {
    return new Path(dir.toUri().toString(), "out");
  }

  @Test
  void anEarlierAttemptsUncommittedOutputIsAborted() throws IOException {
    Path out = output();
    fs.mkdirs(new Path(out, "_temporary/0/_temporary/attempt_1"));
    ApplicationOutputMarker.mark(fs, out, "application_1_0001");

    assertThat(ApplicationOutputMarker.abortEarlierAttempt(fs, out, "application_1_0001")).isTrue();
    assertThat(fs.exists(out)).isFalse();
  }

  @Test
  void anotherApplicationsOutputIsKept() throws IOException {
    Path out = output();
    ApplicationOutputMarker.mark(fs, out, "application_1_0001");

    assertThat(ApplicationOutputMarker.abortEarlierAttempt(fs, out, "application_1_0002"))
        .isFalse();
    assertThat(fs.exists(new Path(out, "_temporary/ember-application"))).isTrue();
  }

  @Test
  void committedFilesAndUnmarkedTemporaryDirectoriesAreKept() throws IOException {
    Path out = output();
    ApplicationOutputMarker.mark(fs, out, "application_1_0001");
    fs.create(new Path(out, "part-00000")).close();
    assertThat(ApplicationOutputMarker.abortEarlierAttempt(fs, out, "application_1_0001"))
        .isFalse();

    Path other = new Path(dir.toUri().toString(), "other");
    fs.mkdirs(new Path(other, "_temporary/0"));
    assertThat(ApplicationOutputMarker.abortEarlierAttempt(fs, other, "application_1_0001"))
        .isFalse();
    assertThat(fs.exists(new Path(out, "part-00000"))).isTrue();
    assertThat(fs.exists(other)).isTrue();
  }

  @Test
  void aMissingOutputIsNotAborted() throws IOException {
    assertThat(ApplicationOutputMarker.abortEarlierAttempt(fs, output(), "application_1_0001"))
        .isFalse();
  }
}
