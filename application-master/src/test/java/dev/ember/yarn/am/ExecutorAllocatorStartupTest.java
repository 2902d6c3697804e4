package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.conf.EmberConf;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.junit.jupiter.api.Test;

/** Start-up: executors asked for while the driver starts, and the faster allocation heartbeat. */
class ExecutorAllocatorStartupTest {
  private final FakeYarnClients clients = new FakeYarnClients();
  private final ExecutorContainerStarter.Spec spec =
      new ExecutorContainerStarter.Spec(
          Map.of(),
          Map.of("CLASSPATH", "x"),
          ByteBuffer.wrap(new byte[] {1, 2, 3}),
          new ContainerSize(1024, 384),
          1,
          1L << 29);

  @Test
  void containersAskedForAheadWaitForTheDriverAndThenRunItsExecutors() {
    try (ExecutorAllocator allocator = allocator()) {
      allocator.requestAhead(2);
      assertThat(clients.requests).hasSize(2);

      clients.handler.onContainersAllocated(List.of(container(2), container(3)));
      assertThat(clients.launched).as("no driver address yet").isEmpty();
      assertThat(clients.released).isEmpty();
      assertThat(allocator.heldContainers()).isEqualTo(2);

      allocator.requestExecutors(2, "driver:1234");

      assertThat(clients.executorIds()).containsExactly("1", "2");
      assertThat(clients.launched.get(0).getCommands().get(0)).contains("--driver driver:1234");
      assertThat(clients.requests).as("nothing asked for twice").isEmpty();
      assertThat(allocator.heldContainers()).isZero();
    }
  }

  @Test
  void theDriverAsksOnlyForWhatIsStillMissing() {
    try (ExecutorAllocator allocator = allocator()) {
      allocator.requestAhead(3);
      clients.handler.onContainersAllocated(List.of(container(2)));

      allocator.requestExecutors(3, "driver:1234");
      assertThat(clients.executorIds()).containsExactly("1");
      assertThat(clients.requests).hasSize(2);

      clients.handler.onContainersAllocated(List.of(container(3), container(4), container(5)));
      assertThat(clients.executorIds()).containsExactly("1", "2", "3");
      assertThat(clients.released).containsExactly(container(5).getId());
    }
  }

  @Test
  void containersBeyondTheAsksAheadAreReleased() {
    try (ExecutorAllocator allocator = allocator()) {
      allocator.requestAhead(1);
      clients.handler.onContainersAllocated(List.of(container(2), container(3)));

      assertThat(clients.released).containsExactly(container(3).getId());
      assertThat(allocator.heldContainers()).isEqualTo(1);
    }
  }

  @Test
  void aDriverWantingFewerExecutorsReleasesTheHeldSurplus() {
    try (ExecutorAllocator allocator = allocator()) {
      allocator.requestAhead(2);
      clients.handler.onContainersAllocated(List.of(container(2), container(3)));

      allocator.requestExecutors(1, "driver:1234");

      assertThat(clients.executorIds()).containsExactly("1");
      assertThat(clients.released).containsExactly(container(3).getId());
    }
  }

  @Test
  void aHeldContainerTakenBackIsAskedForAgainAndNeverLaunched() {
    try (ExecutorAllocator allocator = allocator()) {
      RecordingListener listener = new RecordingListener();
      allocator.setListener(listener);
      allocator.requestAhead(1);
      clients.handler.onContainersAllocated(List.of(container(2)));

      clients.completed(container(2).getId(), ContainerExitStatus.PREEMPTED, "preempted");

      assertThat(clients.requests).hasSize(1);
      assertThat(listener.lost).as("no executor was lost: none ran").isEmpty();
      allocator.requestExecutors(1, "driver:1234");
      assertThat(clients.launched).isEmpty();
      assertThat(clients.requests).hasSize(1);
      clients.handler.onContainersAllocated(List.of(container(3)));
      assertThat(clients.executorIds()).containsExactly("1");
    }
  }

  @Test
  void theHeartbeatSpeedsUpAfterRequestsAndSlowsDownByDoublingUntilTheyAreMet() {
    try (ExecutorAllocator allocator = allocator()) {
      allocator.requestExecutors(2, "driver:1234");
      assertThat(clients.heartbeatIntervals).containsExactly(200);

      for (int i = 0; i < 4; i++) {
        var unused = clients.handler.getProgress();
      }
      assertThat(clients.heartbeatIntervals).containsExactly(200, 200, 400, 800, 1000);

      clients.handler.onContainersAllocated(List.of(container(2), container(3)));
      var unused = clients.handler.getProgress();
      assertThat(clients.heartbeatIntervals).endsWith(1000);

      // A lost executor's replacement is a new request: fast again.
      clients.completed(container(2).getId(), 1, "boom");
      assertThat(clients.heartbeatIntervals).endsWith(200);
    }
  }

  @Test
  void withNothingOutstandingTheHeartbeatKeepsItsInterval() {
    try (ExecutorAllocator allocator = allocator()) {
      var unused = clients.handler.getProgress();
      assertThat(clients.heartbeatIntervals).containsExactly(1000);
    }
  }

  @Test
  void startupOptionsDefaults() {
    EmberConf conf = EmberConf.empty();
    assertThat(conf.get(YarnOptions.AM_INITIAL_ALLOCATION_INTERVAL))
        .isEqualTo(Duration.ofMillis(200));
    assertThat(conf.get(YarnOptions.AM_REQUEST_EXECUTORS_AT_START)).isTrue();
    assertThat(conf.get(YarnOptions.AM_HEARTBEAT_INTERVAL)).isEqualTo(Duration.ofSeconds(1));
  }

  private ExecutorAllocator allocator() {
    return new ExecutorAllocator(
        spec,
        new ExecutorContainerStarter(spec, clients),
        clients,
        Duration.ofSeconds(1),
        Duration.ofMillis(200),
        ExecutorAllocator.Limits.from(EmberConf.empty()),
        RackLookup.none());
  }

  /** Records lost executors as "executorId: reason". */
  private static final class RecordingListener implements AllocatorListener {
    final List<String> lost = new java.util.ArrayList<>();

    @Override
    public void executorLost(String executorId, String reason) {
      lost.add(executorId + ": " + reason);
    }

    @Override
    public void applicationFailed(String diagnostics) {}
  }

  private static Container container(int id) {
    ContainerId cid =
        ContainerId.newContainerId(
            ApplicationAttemptId.newInstance(ApplicationId.newInstance(1, 1), 1), id);
    return Container.newInstance(
        cid,
        NodeId.newInstance("nm-host", 45454),
        "nm-host:8042",
        Resource.newInstance(1408, 1),
        Priority.newInstance(1),
        null);
  }
}
