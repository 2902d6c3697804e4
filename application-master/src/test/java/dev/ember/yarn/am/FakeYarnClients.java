package dev.ember.yarn.am;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.apache.hadoop.yarn.client.api.async.impl.AMRMClientAsyncImpl;
import org.apache.hadoop.yarn.client.api.async.impl.NMClientAsyncImpl;

/**
 * Hand-written fake AMRM and NM clients (Flink's {@code TestingYarnAMRMClientAsync}): they record
 * requests, releases and launches and never talk to a cluster; tests deliver allocations through
 * {@link #handler}.
 */
final class FakeYarnClients implements YarnClientFactory {
  final List<ContainerRequest> requests = new ArrayList<>();
  final List<ContainerId> released = new ArrayList<>();
  final List<ContainerLaunchContext> launched = new ArrayList<>();
  final List<String> unregistered = new CopyOnWriteArrayList<>();
  final List<Integer> registeredPorts = new CopyOnWriteArrayList<>();
  AMRMClientAsync.AbstractCallbackHandler handler;

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
        requests.remove(0);
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
    return new NMClientAsyncImpl(callbacks) {
      @Override
      protected void serviceStop() {
        // Never started: nothing to stop.
      }

      @Override
      public void startContainerAsync(Container container, ContainerLaunchContext context) {
        launched.add(context);
      }
    };
  }
}
