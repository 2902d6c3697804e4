package dev.ember.yarn.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResourcesTest {
  @TempDir Path dir;

  @Test
  void localPathsAreUploadedUnderTheirNameOrAlias() throws Exception {
    Path csv = Files.writeString(dir.resolve("lookup.csv"), "a,1\n");
    Path dep = Files.writeString(dir.resolve("dep.jar"), "jar");
    UserResources r =
        UserResources.parse(
            List.of(dep.toString()),
            List.of(csv + "#table.csv," + csv.toUri()),
            List.of(),
            List.of());
    assertThat(r.all())
        .extracting(UserResources.Resource::kind, UserResources.Resource::linkName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(UserResources.Kind.JAR, "dep.jar"),
            org.assertj.core.groups.Tuple.tuple(UserResources.Kind.FILE, "table.csv"),
            org.assertj.core.groups.Tuple.tuple(UserResources.Kind.FILE, "lookup.csv"));
    assertThat(r.all().get(2).local()).contains(csv);
  }

  @Test
  void urisWithASchemeAreUsedInPlace() throws Exception {
    UserResources.Resource r =
        UserResources.parseOne(UserResources.Kind.ARCHIVE, "hdfs://nn:8020/envs/py.zip#py");
    assertThat(r.local()).isEmpty();
    assertThat(r.remote()).contains(URI.create("hdfs://nn:8020/envs/py.zip"));
    assertThat(r.linkName()).isEqualTo("py");
    assertThat(UserResources.parseOne(UserResources.Kind.JAR, "hdfs:///lib/x.jar").linkName())
        .isEqualTo("x.jar");
  }

  @Test
  void missingLocalFileNamesTheFlagAndPath() {
    assertThatThrownBy(
            () ->
                UserResources.parse(
                    List.of(), List.of(), List.of(dir.resolve("env.zip") + "#env"), List.of()))
        .isInstanceOf(SubmitException.class)
        .hasMessageContaining("--archives " + dir.resolve("env.zip"))
        .hasMessageContaining("does not exist")
        .satisfies(e -> assertThat(((SubmitException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void clashingNamesAreRefused() throws IOException {
    Path a = Files.writeString(dir.resolve("a.txt"), "a");
    assertThatThrownBy(
            () -> UserResources.parse(List.of(), List.of(a + "," + a), List.of(), List.of()))
        .hasMessageContaining("the name a.txt is already taken by --files " + a);
    Path jar = Files.writeString(dir.resolve("ember-engine.jar"), "x");
    assertThatThrownBy(
            () ->
                UserResources.parse(
                    List.of(jar.toString()), List.of(), List.of(), List.of("ember-engine.jar")))
        .hasMessageContaining("Ember's runtime jars");
    assertThatThrownBy(
            () -> UserResources.parse(List.of(), List.of(a + "#__app__.jar"), List.of(), List.of()))
        .hasMessageContaining("Ember's own staged files");
  }

  @Test
  void aliasMustBeAPlainName() throws IOException {
    Path a = Files.writeString(dir.resolve("a.txt"), "a");
    assertThatThrownBy(() -> UserResources.parseOne(UserResources.Kind.FILE, a + "#../x"))
        .hasMessageContaining("#name");
    assertThat(UserResources.none().all()).isEmpty();
  }
}
