package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.junit.jupiter.api.Test;

class ExecutorAllocatorTest {

  private final FakeYarnClients clients = new FakeYarnClients();
  private final ExecutorContainerStarter.Spec spec =
      new ExecutorContainerStarter.Spec(
          Map.of(),
          Map.of("CLASSPATH", "x"),
          ByteBuffer.wrap(new byte[] {1, 2, 3}),
          new ContainerSize(1024, 384),
          2,
          1L << 29);

  @Test
  void requestsContainersOfHeapPlusOverheadAndExecutorCores() {
    try (ExecutorAllocator allocator = allocator()) {
      allocator.requestExecutors(2, "driver:1234");
      assertThat(clients.requests)
          .hasSize(2)
          .allSatisfy(r -> assertThat(r.getCapability()).isEqualTo(Resource.newInstance(1408, 2)));
    }
  }

  @Test
  void launchesExecutorMainInAllocatedContainersAndReleasesSurplus() {
    try (ExecutorAllocator allocator = allocator()) {
      allocator.requestExecutors(2, "driver:1234");
      clients.handler.onContainersAllocated(List.of(container(2), container(3), container(4)));

      assertThat(clients.launched).hasSize(2);
      assertThat(clients.launched.get(0).getCommands().get(0))
          .contains(
              YarnExecutorMain.class.getName(),
              "-Xmx1024m",
              "--driver driver:1234",
              "--executor-id 1",
              "--cores 2")
          .doesNotContain("secret");
      assertThat(clients.launched.get(1).getCommands().get(0)).contains("--executor-id 2");
      assertThat(clients.launched.get(0).getTokens().remaining()).isEqualTo(3);
      assertThat(clients.released).containsExactly(container(4).getId());
      assertThat(clients.requests).isEmpty();
    }
  }

  @Test
  void containersBeforeAnyRequestAreReleased() {
    try (ExecutorAllocator allocator = allocator()) {
      clients.handler.onContainersAllocated(List.of(container(2)));
      assertThat(clients.launched).isEmpty();
      assertThat(clients.released).containsExactly(container(2).getId());
    }
  }

  @Test
  void unregistersWithStatusAndDiagnostics() {
    try (ExecutorAllocator allocator = allocator()) {
      allocator.unregister(FinalApplicationStatus.FAILED, "boom");
      assertThat(clients.unregistered).containsExactly("FAILED: boom");
    }
  }

  private ExecutorAllocator allocator() {
    return new ExecutorAllocator(
        spec, new ExecutorContainerStarter(spec, clients), clients, Duration.ofSeconds(1));
  }

  private static Container container(int id) {
    ContainerId cid =
        ContainerId.newContainerId(
            ApplicationAttemptId.newInstance(ApplicationId.newInstance(1, 1), 1), id);
    return Container.newInstance(
        cid,
        NodeId.newInstance("nm-host", 45454),
        "nm-host:8042",
        Resource.newInstance(1408, 2),
        Priority.newInstance(1),
        null);
  }
}
