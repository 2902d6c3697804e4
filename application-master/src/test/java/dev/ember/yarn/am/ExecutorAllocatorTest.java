package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.conf.EmberConf;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerExitStatus;
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
  void aSecondSessionAfterTheFirstStoppedItsExecutorsGetsNewOnes() {
    try (ExecutorAllocator allocator = allocator()) {
      allocator.requestExecutors(1, "driver:1234");
      clients.handler.onContainersAllocated(List.of(container(2)));
      // The first session closes: its executor exits, as expected while finishing.
      allocator.finishing();
      clients.completed(container(2).getId(), 0, "");
      assertThat(clients.requests).isEmpty();

      // The user's main builds a second session (a new driver endpoint).
      allocator.requestExecutors(1, "driver:5678");
      assertThat(clients.requests).hasSize(1);
      clients.handler.onContainersAllocated(List.of(container(3)));
      assertThat(clients.launched).hasSize(2);
      assertThat(clients.launched.get(1).getCommands().get(0)).contains("--driver driver:5678");
      assertThat(clients.released).isEmpty();
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

  @Test
  void aLostExecutorIsReportedAndReplacedUnderANewId() {
    try (ExecutorAllocator allocator = allocator(new ExecutorAllocator.Limits(3, 4096))) {
      RecordingListener listener = new RecordingListener();
      allocator.setListener(listener);
      allocator.requestExecutors(2, "driver:1234");
      clients.handler.onContainersAllocated(List.of(container(2), container(3)));

      clients.completed(container(2).getId(), 1, "Unrecognized VM option 'BadOption'");

      assertThat(listener.lost).hasSize(1);
      assertThat(listener.lost.get(0))
          .startsWith("1: Executor 1 (container container_1_0001_01_000002 on nm-host) failed")
          .contains(
              "yarn logs -applicationId application_1_0001 -containerId"
                  + " container_1_0001_01_000002",
              "BadOption");
      assertThat(clients.requests)
          .singleElement()
          .satisfies(r -> assertThat(r.getCapability()).isEqualTo(Resource.newInstance(1408, 2)));
      clients.handler.onContainersAllocated(List.of(container(4)));
      assertThat(clients.executorIds()).containsExactly("1", "2", "3");
      assertThat(clients.unregistered).isEmpty();
      assertThat(allocator.failure()).isEmpty();
    }
  }

  @Test
  void preemptionIsReplacedButDoesNotCountTowardFailures() {
    try (ExecutorAllocator allocator = allocator(new ExecutorAllocator.Limits(1, 4096))) {
      RecordingListener listener = new RecordingListener();
      allocator.setListener(listener);
      allocator.requestExecutors(1, "driver:1234");
      clients.handler.onContainersAllocated(List.of(container(2)));

      clients.completed(container(2).getId(), ContainerExitStatus.PREEMPTED, "preempted");
      clients.handler.onContainersAllocated(List.of(container(3)));
      clients.completed(container(3).getId(), ContainerExitStatus.PREEMPTED, "preempted");

      assertThat(listener.lost).hasSize(2).allSatisfy(l -> assertThat(l).contains("preempted"));
      assertThat(clients.requests).hasSize(1);
      assertThat(clients.unregistered).isEmpty();
      assertThat(listener.failed).isEmpty();
    }
  }

  @Test
  void theApplicationFailsAfterMaxExecutorFailuresNamingTheLastReason() {
    try (ExecutorAllocator allocator = allocator(new ExecutorAllocator.Limits(2, 4096))) {
      RecordingListener listener = new RecordingListener();
      allocator.setListener(listener);
      allocator.requestExecutors(1, "driver:1234");
      clients.handler.onContainersAllocated(List.of(container(2)));
      clients.completed(container(2).getId(), 1, "first");
      clients.handler.onContainersAllocated(List.of(container(3)));

      clients.completed(container(3).getId(), ContainerExitStatus.KILLED_EXCEEDED_PMEM, "");

      assertThat(clients.unregistered)
          .singleElement()
          .asString()
          .startsWith(
              "FAILED: 2 executor containers failed, the maximum allowed"
                  + " (ember.yarn.maxExecutorFailures=2); the application fails. The last failure:"
                  + " Executor 2 (container container_1_0001_01_000003 on nm-host) was killed by"
                  + " YARN for exceeding its physical memory limit")
          .contains("yarn logs -applicationId application_1_0001 -containerId");
      assertThat(listener.failed).singleElement().asString().contains("Executor 2");
      assertThat(allocator.failure()).isPresent();
      assertThat(clients.requests).as("no replacement after the failure").isEmpty();

      // The driver's main then ends; its own final status is not reported again.
      allocator.unregister(FinalApplicationStatus.SUCCEEDED, "");
      assertThat(clients.unregistered).hasSize(1);
      clients.handler.onContainersAllocated(List.of(container(4)));
      assertThat(clients.released).containsExactly(container(4).getId());
    }
  }

  @Test
  void aContainerTheNodeManagerCannotStartIsReleasedCountedAndReplaced() {
    try (ExecutorAllocator allocator = allocator(new ExecutorAllocator.Limits(5, 4096))) {
      RecordingListener listener = new RecordingListener();
      allocator.setListener(listener);
      allocator.requestExecutors(1, "driver:1234");
      clients.handler.onContainersAllocated(List.of(container(2)));

      clients.nmHandler.onStartContainerError(
          container(2).getId(), new java.io.IOException("NodeManager unreachable"));

      assertThat(clients.released).containsExactly(container(2).getId());
      assertThat(listener.lost)
          .singleElement()
          .asString()
          .contains("could not be started by the NodeManager", "NodeManager unreachable");
      assertThat(clients.requests).hasSize(1);
      // The completion of the released container is expected and not reported again.
      clients.completed(container(2).getId(), ContainerExitStatus.KILLED_BY_APPMASTER, "");
      assertThat(listener.lost).hasSize(1);
    }
  }

  @Test
  void completionsWhileTheApplicationFinishesAreNeitherReportedNorReplaced() {
    try (ExecutorAllocator allocator = allocator()) {
      RecordingListener listener = new RecordingListener();
      allocator.setListener(listener);
      allocator.requestExecutors(1, "driver:1234");
      clients.handler.onContainersAllocated(List.of(container(2)));

      allocator.finishing();
      clients.completed(container(2).getId(), 0, "");

      assertThat(listener.lost).isEmpty();
      assertThat(clients.requests).isEmpty();
    }
  }

  @Test
  void unregisterTruncatesLongDiagnosticsKeepingTheStart() {
    try (ExecutorAllocator allocator = allocator(new ExecutorAllocator.Limits(3, 300))) {
      allocator.unregister(FinalApplicationStatus.FAILED, "root cause " + "x".repeat(1000));
      assertThat(clients.unregistered)
          .singleElement()
          .asString()
          .startsWith("FAILED: root cause xxx")
          .contains("[truncated: ")
          .hasSizeLessThanOrEqualTo("FAILED: ".length() + 300);
    }
  }

  @Test
  void heartbeatReportsTheProgressSourceClamped() {
    try (ExecutorAllocator allocator = allocator()) {
      assertThat(clients.handler.getProgress()).isEqualTo(0.1f);
      allocator.setProgress(() -> 0.45);
      assertThat(clients.handler.getProgress()).isEqualTo(0.45f);
      allocator.setProgress(() -> 7);
      assertThat(clients.handler.getProgress()).isEqualTo(1f);
    }
  }

  @Test
  void maxExecutorFailuresDefaultsToTwiceTheInstancesAndAtLeastThree() {
    assertThat(ExecutorAllocator.Limits.from(EmberConf.empty()).maxExecutorFailures()).isEqualTo(4);
    assertThat(
            ExecutorAllocator.Limits.from(EmberConf.of(Map.of("ember.executor.instances", "1")))
                .maxExecutorFailures())
        .isEqualTo(3);
    assertThat(
            ExecutorAllocator.Limits.from(
                    EmberConf.of(
                        Map.of(
                            "ember.executor.instances",
                            "10",
                            "ember.yarn.maxExecutorFailures",
                            "7")))
                .maxExecutorFailures())
        .isEqualTo(7);
  }

  private ExecutorAllocator allocator() {
    return new ExecutorAllocator(
        spec, new ExecutorContainerStarter(spec, clients), clients, Duration.ofSeconds(1));
  }

  private ExecutorAllocator allocator(ExecutorAllocator.Limits limits) {
    return new ExecutorAllocator(
        spec, new ExecutorContainerStarter(spec, clients), clients, Duration.ofSeconds(1), limits);
  }

  /** Records the allocator's events as "executorId: reason" and failure diagnostics. */
  private static final class RecordingListener implements AllocatorListener {
    final List<String> lost = new ArrayList<>();
    final List<String> failed = new ArrayList<>();

    @Override
    public void executorLost(String executorId, String reason) {
      lost.add(executorId + ": " + reason);
    }

    @Override
    public void applicationFailed(String diagnostics) {
      failed.add(diagnostics);
    }
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
