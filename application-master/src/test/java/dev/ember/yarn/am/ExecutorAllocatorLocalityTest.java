package dev.ember.yarn.am;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.scheduler.LocalityDemand;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.junit.jupiter.api.Test;

/**
 * The allocator turning the driver's locality demand into YARN container requests, against a
 * hand-written fake AMRM client that records the requests added and removed. The shares themselves
 * are {@link ContainerPlacementStrategyTest}'s; here: that they become requests with the right
 * nodes, racks and relaxed locality, that a new demand moves the client's request table (stale ones
 * removed, matching ones kept as the same request objects), and how allocated containers are
 * matched.
 */
class ExecutorAllocatorLocalityTest {
  private static final String DRIVER = "driver:1234";

  private final FakeYarnClients clients = new FakeYarnClients();
  private final ExecutorContainerStarter.Spec spec =
      new ExecutorContainerStarter.Spec(
          Map.of(),
          Map.of("CLASSPATH", "x"),
          ByteBuffer.wrap(new byte[] {1}),
          new ContainerSize(1024, 384),
          2,
          1L << 29);

  /**
   * Spark's worked example: 20 pending tasks prefer h1, h2, h3 and 10 prefer h1, h2, h4; with 2
   * task slots per executor and 18 executors wanted.
   */
  private static ExecutorDemand sparkExample() {
    return new ExecutorDemand(
        18,
        new LocalityDemand(
            30, 30, Map.of("h1", 30, "h2", 30, "h3", 20, "h4", 10), Map.of("/r1", 30)));
  }

  @Test
  void theDemandBecomesHostRequestsInProportionToThePendingTasksThere() {
    try (ExecutorAllocator allocator = allocator(RackLookup.none())) {
      allocator.requestExecutors(18, DRIVER);
      assertThat(byLocation()).containsExactly(Map.entry("*", 18));

      allocator.updateDemand(sparkExample());

      // h1 and h2, preferred by all 30 tasks, get the most; h4, by 10, the least; the 2 beyond
      // the 16 the locality-aware tasks need stay anywhere.
      assertThat(byLocation())
          .containsExactly(
              Map.entry("*", 2),
              Map.entry("h1", 5),
              Map.entry("h2", 5),
              Map.entry("h3", 4),
              Map.entry("h4", 2));
      assertThat(clients.requests)
          .allSatisfy(
              r -> {
                assertThat(r.getRelaxLocality()).isTrue();
                assertThat(r.getCapability()).isEqualTo(Resource.newInstance(1408, 2));
              });
      assertThat(allocator.outstandingRequests()).isEqualTo(18);
    }
  }

  @Test
  void aChangeOfDemandCancelsStaleHostRequestsAndKeepsMatchingOnes() {
    try (ExecutorAllocator allocator = allocator(RackLookup.none())) {
      allocator.requestExecutors(18, DRIVER);
      allocator.updateDemand(sparkExample());
      List<ContainerRequest> h4Before = requestsOn("h4");

      // Now 10 tasks prefer h4 and h5: 5 executors for them, 3 on each, 12 anywhere.
      allocator.updateDemand(
          new ExecutorDemand(18, new LocalityDemand(10, 10, Map.of("h4", 10, "h5", 10), Map.of())));

      assertThat(byLocation())
          .containsExactly(Map.entry("*", 12), Map.entry("h4", 3), Map.entry("h5", 3));
      assertThat(requestsOn("h4")).as("h4's two requests keep their place").containsAll(h4Before);
      assertThat(allocator.outstandingByHost())
          .containsExactly(Map.entry("h4", 3), Map.entry("h5", 3));

      // The same demand again changes nothing.
      List<ContainerRequest> before = List.copyOf(clients.requests);
      allocator.updateDemand(
          new ExecutorDemand(18, new LocalityDemand(10, 10, Map.of("h4", 10, "h5", 10), Map.of())));
      assertThat(clients.requests).containsExactlyElementsOf(before);
    }
  }

  @Test
  void containersAreMatchedToTheirHostThenRackThenAnyAndSurplusIsReleased() {
    RackLookup racks = RackLookup.of(Map.of("h1", "/r1", "h4", "/r2", "h7", "/r2"));
    try (ExecutorAllocator allocator = allocator(racks)) {
      allocator.requestExecutors(4, DRIVER);
      // h4 holds data but YARN lost its NodeManager: its share is asked for on its rack.
      clients.handler.onNodesUpdated(List.of(node("h4", NodeState.LOST)));
      // 4 tasks, 2 slots per executor: 2 executors for them, 1 near h1 and 1 near h4.
      allocator.updateDemand(
          new ExecutorDemand(4, new LocalityDemand(4, 4, Map.of("h1", 2, "h4", 2), Map.of())));
      assertThat(byLocation())
          .containsExactly(Map.entry("*", 2), Map.entry("/r2", 1), Map.entry("h1", 1));

      clients.handler.onContainersAllocated(List.of(container(2, "h1")));
      assertThat(byLocation()).containsExactly(Map.entry("*", 2), Map.entry("/r2", 1));

      clients.handler.onContainersAllocated(List.of(container(3, "h7")));
      assertThat(byLocation()).as("h7 is on /r2").containsExactly(Map.entry("*", 2));

      clients.handler.onContainersAllocated(List.of(container(4, "h1"), container(5, "h9")));
      assertThat(clients.requests).isEmpty();
      assertThat(clients.executorIds()).containsExactly("1", "2", "3", "4");

      clients.handler.onContainersAllocated(List.of(container(6, "h1")));
      assertThat(clients.released).containsExactly(container(6, "h1").getId());

      // All 4 wanted executors run: the same demand asks for nothing more.
      allocator.updateDemand(
          new ExecutorDemand(4, new LocalityDemand(4, 4, Map.of("h1", 2, "h4", 2), Map.of())));
      assertThat(clients.requests).isEmpty();
    }
  }

  @Test
  void hostsTheDriverExcludedAreBlacklistedWithYarnAndGetNoHostRequestsUntilReleased() {
    try (ExecutorAllocator allocator = allocator(RackLookup.none())) {
      allocator.requestExecutors(4, DRIVER);
      allocator.updateDemand(
          new ExecutorDemand(
              4,
              new LocalityDemand(
                  4, 4, Map.of("h1", 2, "h2", 2), Map.of(), java.util.Set.of("h2", "h9"))));

      assertThat(clients.blacklist).containsExactly("h2", "h9");
      assertThat(byLocation()).containsExactly(Map.entry("*", 3), Map.entry("h1", 1));

      // The exclusion expired on the driver: YARN may use h2 and h9 again.
      allocator.updateDemand(
          new ExecutorDemand(4, new LocalityDemand(4, 4, Map.of("h1", 2, "h2", 2), Map.of())));
      assertThat(clients.blacklist).isEmpty();
      assertThat(byLocation())
          .containsExactly(Map.entry("*", 2), Map.entry("h1", 1), Map.entry("h2", 1));
    }
  }

  @Test
  void neverEveryNodeOfTheClusterIsBlacklisted() {
    clients.clusterNodes = 3;
    try (ExecutorAllocator allocator = allocator(RackLookup.none())) {
      allocator.requestExecutors(2, DRIVER);
      allocator.updateDemand(
          new ExecutorDemand(
              2, new LocalityDemand(0, 0, Map.of(), Map.of(), java.util.Set.of("h3", "h1", "h2"))));

      assertThat(clients.blacklist).containsExactly("h1", "h2");
    }
  }

  @Test
  void aDemandBeforeTheDriverAskedForExecutorsIsIgnored() {
    try (ExecutorAllocator allocator = allocator(RackLookup.none())) {
      allocator.updateDemand(sparkExample());
      assertThat(clients.requests).isEmpty();
    }
  }

  private ExecutorAllocator allocator(RackLookup racks) {
    return new ExecutorAllocator(
        spec,
        new ExecutorContainerStarter(spec, clients),
        clients,
        Duration.ofSeconds(1),
        new ExecutorAllocator.Limits(10, 4096),
        racks);
  }

  /** The fake client's requests by the one host or rack they name, "*" for none. */
  private Map<String, Integer> byLocation() {
    Map<String, Integer> counts = new TreeMap<>();
    for (ContainerRequest r : clients.requests) {
      String where =
          r.getNodes() != null && !r.getNodes().isEmpty()
              ? String.join(",", r.getNodes())
              : r.getRacks() != null && !r.getRacks().isEmpty()
                  ? String.join(",", r.getRacks())
                  : "*";
      counts.merge(where, 1, Integer::sum);
    }
    return counts;
  }

  private List<ContainerRequest> requestsOn(String host) {
    return clients.requests.stream()
        .filter(r -> r.getNodes() != null && r.getNodes().equals(List.of(host)))
        .toList();
  }

  private static NodeReport node(String host, NodeState state) {
    return NodeReport.newInstance(
        NodeId.newInstance(host, 45454),
        state,
        host + ":8042",
        "/r2",
        Resource.newInstance(0, 0),
        Resource.newInstance(4096, 8),
        0,
        "lost",
        0L);
  }

  private static Container container(int id, String host) {
    ContainerId cid =
        ContainerId.newContainerId(
            ApplicationAttemptId.newInstance(ApplicationId.newInstance(1, 1), 1), id);
    return Container.newInstance(
        cid,
        NodeId.newInstance(host, 45454),
        host + ":8042",
        Resource.newInstance(1408, 2),
        Priority.newInstance(1),
        null);
  }
}
