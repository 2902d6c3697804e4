package dev.ember.yarn.am;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerState;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.apache.hadoop.yarn.client.api.async.impl.AMRMClientAsyncImpl;
import org.apache.hadoop.yarn.client.api.async.impl.NMClientAsyncImpl;

/**
 * Hand-written fake AMRM and NM clients (Flink's {@code TestingYarnAMRMClientAsync}): they record
 * requests, releases and launches and never talk to a cluster; tests deliver allocations through
 * {@link #handler} (completions with {@link #completed}) and NM start failures through {@link
 * #nmHandler}.
 */
final class FakeYarnClients implements YarnClientFactory {
  final List<ContainerRequest> requests = new ArrayList<>();
  final List<ContainerId> released = new ArrayList<>();
  final List<ContainerLaunchContext> launched = new ArrayList<>();
  final List<String> unregistered = new CopyOnWriteArrayList<>();
  final List<Integer> registeredPorts = new CopyOnWriteArrayList<>();
  final List<Container> started = new ArrayList<>();

  /** The hosts the AM asked the RM to avoid, after every updateBlacklist call. */
  final java.util.SortedSet<String> blacklist = new java.util.TreeSet<>();

  /** What getClusterNodeCount() reports. */
  int clusterNodes = 10;

  final List<Integer> heartbeatIntervals = new CopyOnWriteArrayList<>();
  AMRMClientAsync.AbstractCallbackHandler handler;
  NMClientAsync.AbstractCallbackHandler nmHandler;

  @Override
  public AMRMClientAsync<ContainerRequest> createAmRmClient(
      Duration interval, AMRMClientAsync.AbstractCallbackHandler callbacks) {
    this.handler = callbacks;
    return new AMRMClientAsyncImpl<>(1000, callbacks) {
      @Override
      protected void serviceStop() {
        // Never started: nothing to stop.
      }

      @Override
      public void addContainerRequest(ContainerRequest req) {
        requests.add(req);
      }

      @Override
      public void removeContainerRequest(ContainerRequest req) {
        // ContainerRequest has identity equality: the very request the allocator added.
        if (!requests.remove(req)) {
          throw new IllegalStateException("removed a request that was not added: " + req);
        }
      }

      @Override
      public void updateBlacklist(List<String> additions, List<String> removals) {
        blacklist.addAll(additions);
        blacklist.removeAll(removals);
      }

      @Override
      public int getClusterNodeCount() {
        return clusterNodes;
      }

      @Override
      public void setHeartbeatInterval(int interval) {
        heartbeatIntervals.add(interval);
      }

      @Override
      public void releaseAssignedContainer(ContainerId containerId) {
        released.add(containerId);
      }

      @Override
      public RegisterApplicationMasterResponse registerApplicationMaster(
          String host, int port, String trackingUrl) {
        registeredPorts.add(port);
        return RegisterApplicationMasterResponse.newInstance(
            null, null, null, null, null, null, List.of());
      }

      @Override
      public void unregisterApplicationMaster(
          FinalApplicationStatus status, String message, String url) {
        unregistered.add(status + ": " + message);
      }
    };
  }

  @Override
  public NMClientAsync createNmClient(NMClientAsync.AbstractCallbackHandler callbacks) {
    this.nmHandler = callbacks;
    return new NMClientAsyncImpl(callbacks) {
      @Override
      protected void serviceStop() {
        // Never started: nothing to stop.
      }

      @Override
      public void startContainerAsync(Container container, ContainerLaunchContext context) {
        launched.add(context);
        started.add(container);
      }
    };
  }

  /** Delivers the completion of {@code id} with an exit status and diagnostics to the allocator. */
  void completed(ContainerId id, int exitStatus, String diagnostics) {
    handler.onContainersCompleted(
        List.of(ContainerStatus.newInstance(id, ContainerState.COMPLETE, diagnostics, exitStatus)));
  }

  /** The executor ids passed to the executors launched so far, in launch order. */
  List<String> executorIds() {
    return launched.stream()
        .map(c -> c.getCommands().get(0).replaceAll(".*--executor-id (\\S+).*", "$1"))
        .toList();
  }
}
