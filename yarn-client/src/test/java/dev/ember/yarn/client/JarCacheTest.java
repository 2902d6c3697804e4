package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared runtime-jar cache on the local FileSystem. */
class JarCacheTest {
  @TempDir Path dir;

  @Test
  void secondPublishReusesTheJarsWithoutUploading() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRaw();
    Path a = Files.writeString(dir.resolve("ember-a.jar"), "aaa");
    Path b = Files.writeString(dir.resolve("ember-b.jar"), "bbbb");
    JarCache cache = cache(fs);

    JarCache.Published first = cache.publish(List.of(a, b));
    assertThat(first.uploaded()).containsExactly("ember-a.jar", "ember-b.jar");
    assertThat(first.reused()).isEmpty();
    List<String> before = cached(fs);

    JarCache.Published second = cache(fs).publish(List.of(a, b));
    assertThat(second.uploaded()).isEmpty();
    assertThat(second.reused()).containsExactly("ember-a.jar", "ember-b.jar");
    assertThat(cached(fs)).isEqualTo(before);
    assertThat(second.resources()).containsOnlyKeys("ember-a.jar", "ember-b.jar");
    LocalResource ra = second.resources().get("ember-a.jar");
    assertThat(ra.getSize()).isEqualTo(3);
    assertThat(ra.getResource().getFile()).endsWith("-ember-a.jar");
  }

  @Test
  void aChangedJarWithTheSameNameIsUploadedAgain() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRaw();
    Path a = Files.writeString(dir.resolve("ember-a.jar"), "version 1");
    cache(fs).publish(List.of(a));
    Files.writeString(a, "version 2");

    JarCache.Published again = cache(fs).publish(List.of(a));
    assertThat(again.uploaded()).containsExactly("ember-a.jar");
    assertThat(cached(fs)).hasSize(2);
    assertThat(
            fs.open(
                    new org.apache.hadoop.fs.Path(
                        again.resources().get("ember-a.jar").getResource().getFile()))
                .readAllBytes())
        .asString()
        .isEqualTo("version 2");
  }

  @Test
  void visibilityIsPublicOnlyWhenEveryAncestorIsWorldExecutable() throws IOException {
    FileSystem fs = FileSystem.getLocal(new Configuration()).getRaw();
    Path a = Files.writeString(dir.resolve("ember-a.jar"), "a");
    Path closed = Files.createDirectory(dir.resolve("closed"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));

    JarCache.Published open = cache(fs).publish(List.of(a));
    assertThat(open.visibility()).isEqualTo(LocalResourceVisibility.PUBLIC);
    assertThat(open.notPublicBecause()).isEmpty();
    FileStatus file =
        fs.getFileStatus(
            new org.apache.hadoop.fs.Path(
                open.resources().get("ember-a.jar").getResource().getFile()));
    assertThat(file.getPermission().toString()).isEqualTo("rw-r--r--");

    JarCache.Published hidden =
        new JarCache(
                fs, JarCache.versionDir(fs, Optional.of(closed.resolve("cache").toString()), "1.0"))
            .publish(List.of(a));
    assertThat(hidden.visibility()).isEqualTo(LocalResourceVisibility.APPLICATION);
    assertThat(hidden.notPublicBecause().orElseThrow()).contains(closed.toString());
  }

  @Test
  void fingerprintDependsOnContent() throws IOException {
    Path a = Files.writeString(dir.resolve("a"), "x");
    Path b = Files.writeString(dir.resolve("b"), "x");
    Path c = Files.writeString(dir.resolve("c"), "y");
    assertThat(JarCache.fingerprint(a)).isEqualTo(JarCache.fingerprint(b)).hasSize(16);
    assertThat(JarCache.fingerprint(a)).isNotEqualTo(JarCache.fingerprint(c));
  }

  private JarCache cache(FileSystem fs) {
    return new JarCache(
        fs, JarCache.versionDir(fs, Optional.of(dir.resolve("cache").toString()), "1.0"));
  }

  /** Name, length and modification time of each cached file. */
  private List<String> cached(FileSystem fs) throws IOException {
    return List.of(fs.listStatus(new org.apache.hadoop.fs.Path(dir.resolve("cache/1.0").toUri())))
        .stream()
        .map(s -> s.getPath().getName() + " " + s.getLen() + " " + s.getModificationTime())
        .sorted()
        .toList();
  }
}
