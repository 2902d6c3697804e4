package dev.ember.minicluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopInstallationTest {
  @TempDir Path dir;

  @Test
  void artifactNameDropsTheVersion() {
    assertThat(HadoopInstallation.artifactName("guava-33.4.8-jre.jar")).contains("guava");
    assertThat(HadoopInstallation.artifactName("grpc-netty-shaded-1.73.0.jar"))
        .contains("grpc-netty-shaded");
    assertThat(HadoopInstallation.artifactName("ember-engine-0.1.0-SNAPSHOT.jar"))
        .contains("ember-engine");
    assertThat(HadoopInstallation.artifactName("netty-all-4.1.130.Final.jar"))
        .contains("netty-all");
    assertThat(HadoopInstallation.artifactName("app.jar")).isEmpty();
  }

  @Test
  void withoutProvidedKeepsWhatTheInstallationLacks() throws IOException {
    Path common = Files.createDirectories(dir.resolve("share/hadoop/common/lib"));
    Files.createFile(dir.resolve("share/hadoop/common/hadoop-common-3.5.0.jar"));
    Files.createFile(common.resolve("guava-33.4.8-jre.jar"));
    HadoopInstallation hadoop = HadoopInstallation.at(dir);

    List<Path> kept =
        hadoop.withoutProvided(
            List.of(
                Path.of("/x/ember-engine-0.1.0-SNAPSHOT.jar"),
                Path.of("/x/guava-33.4.8-jre.jar"),
                Path.of("/x/kryo-5.6.2.jar"),
                Path.of("/x/app.jar")));

    assertThat(kept)
        .containsExactly(
            Path.of("/x/ember-engine-0.1.0-SNAPSHOT.jar"),
            Path.of("/x/kryo-5.6.2.jar"),
            Path.of("/x/app.jar"));
  }

  @Test
  void aDirectoryWithoutHadoopCommonIsRefused() {
    assertThatThrownBy(() -> HadoopInstallation.at(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no share/hadoop/common/hadoop-common-*.jar");
  }

  @Test
  void theBuildLaysOutAnInstallation() {
    assertThat(HadoopInstallation.built().jars())
        .anyMatch(j -> j.toString().endsWith("share/hadoop/hdfs/hadoop-hdfs-client-3.5.0.jar"))
        .anyMatch(j -> j.toString().endsWith("share/hadoop/yarn/hadoop-yarn-client-3.5.0.jar"))
        .noneMatch(j -> j.getFileName().toString().startsWith("junit"))
        .noneMatch(j -> j.getFileName().toString().startsWith("picocli"));
  }
}
