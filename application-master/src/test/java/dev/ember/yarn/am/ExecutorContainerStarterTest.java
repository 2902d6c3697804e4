package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.conf.ConfigException;
import dev.ember.conf.EmberConf;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.junit.jupiter.api.Test;

class ExecutorContainerStarterTest {
  @Test
  void extraJavaOptionsAreSplitAtWhitespaceAndDefaultToNone() {
    assertThat(ExecutorContainerStarter.extraJavaOptions(EmberConf.empty())).isEmpty();
    assertThat(
            ExecutorContainerStarter.extraJavaOptions(
                EmberConf.of(
                    Map.of("ember.executor.extraJavaOptions", " -XX:+UseG1GC   -Dfoo=bar "))))
        .containsExactly("-XX:+UseG1GC", "-Dfoo=bar");
  }

  @Test
  void extraJavaOptionsMayNotSetTheHeap() {
    assertThatThrownBy(
            () ->
                ExecutorContainerStarter.extraJavaOptions(
                    EmberConf.of(Map.of("ember.executor.extraJavaOptions", "-Dx=1 -Xmx4g"))))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "ember.executor.extraJavaOptions: -Xmx4g is not allowed; set the executor heap with"
                + " ember.executor.memory (--executor-memory), which also sizes its container");
  }

  @Test
  void extraJavaOptionsGoBeforeTheMainClassAndTheirCollectorReplacesTheDefault() {
    FakeYarnClients clients = new FakeYarnClients();
    ExecutorContainerStarter.Spec spec =
        new ExecutorContainerStarter.Spec(
            Map.of(),
            Map.of(),
            ByteBuffer.wrap(new byte[0]),
            new ContainerSize(1024, 384),
            1,
            1L << 29,
            List.of("-XX:+UseG1GC"));
    try (ExecutorContainerStarter starter = new ExecutorContainerStarter(spec, clients)) {
      starter.start(container(), "7", "driver:1");
    }
    assertThat(clients.launched.get(0).getCommands().get(0))
        .contains("-Xmx1024m ")
        .doesNotContain("UseParallelGC")
        .containsPattern("-XX:\\+UseG1GC dev\\.ember\\.yarn\\.am\\.YarnExecutorMain --driver");
  }

  @Test
  void aContainerAllocatedBeforeTheStagedResourcesAreReadStartsWithThemOnceTheyAre() {
    FakeYarnClients clients = new FakeYarnClients();
    java.util.concurrent.CompletableFuture<Map<String, LocalResource>> reading =
        new java.util.concurrent.CompletableFuture<>();
    ExecutorContainerStarter.Spec spec =
        spec(new StagedResources(new java.util.concurrent.CompletableFuture<>(), reading));
    try (ExecutorContainerStarter starter = new ExecutorContainerStarter(spec, clients)) {
      starter.start(container(), "1", "driver:1");
      assertThat(clients.launched).isEmpty();

      reading.complete(Map.of("__app__.jar", StagedResourcesTest.resource("/staging/__app__.jar")));

      assertThat(clients.launched).hasSize(1);
      assertThat(clients.launched.get(0).getLocalResources()).containsOnlyKeys("__app__.jar");
      // Read once, used by every later container at once.
      starter.start(container(), "2", "driver:1");
      assertThat(clients.launched).hasSize(2);
    }
  }

  @Test
  void noContainerStartsWhenTheStagedResourcesCannotBeRead() {
    FakeYarnClients clients = new FakeYarnClients();
    java.util.concurrent.CompletableFuture<Map<String, LocalResource>> reading =
        new java.util.concurrent.CompletableFuture<>();
    ExecutorContainerStarter.Spec spec =
        spec(new StagedResources(new java.util.concurrent.CompletableFuture<>(), reading));
    try (ExecutorContainerStarter starter = new ExecutorContainerStarter(spec, clients)) {
      starter.start(container(), "1", "driver:1");
      reading.completeExceptionally(
          new java.io.UncheckedIOException(new java.io.IOException("listing failed")));
      starter.start(container(), "2", "driver:1");
    }
    assertThat(clients.launched).isEmpty();
  }

  private static ExecutorContainerStarter.Spec spec(StagedResources resources) {
    return new ExecutorContainerStarter.Spec(
        resources,
        Map.of(),
        ByteBuffer.wrap(new byte[0]),
        new ContainerSize(1024, 384),
        1,
        1L << 29,
        List.of());
  }

  @Test
  void newOptionDefaults() {
    EmberConf conf = EmberConf.empty();
    assertThat(conf.get(YarnOptions.AM_DIAGNOSTICS_MAX_CHARS)).isEqualTo(4096);
    assertThat(conf.getOptional(YarnOptions.MAX_EXECUTOR_FAILURES)).isEmpty();
    assertThat(conf.get(YarnOptions.EXECUTOR_EXTRA_JAVA_OPTIONS)).isEmpty();
  }

  private static Container container() {
    ContainerId id =
        ContainerId.newContainerId(
            ApplicationAttemptId.newInstance(ApplicationId.newInstance(1, 1), 1), 2);
    return Container.newInstance(
        id,
        NodeId.newInstance("nm-host", 45454),
        "nm-host:8042",
        Resource.newInstance(1408, 1),
        Priority.newInstance(1),
        null);
  }
}
