package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ApplicationMaster's side of the ResourceManager protocol: registers, asks for executor
 * containers once the driver knows its address, hands each allocated container to the {@link
 * ExecutorContainerStarter}, releases surplus ones and unregisters with the final status (Spark's
 * {@code YarnAllocator} + {@code YarnRMClient}, in one small class for now).
 *
 * <p>Threading: {@link #requestExecutors} is called by the driver's thread, the callbacks by the
 * AMRM client's callback thread; state is guarded by {@code this}.
 */
final class ExecutorAllocator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorAllocator.class);
  private static final Priority EXECUTOR_PRIORITY = Priority.newInstance(1);

  private final ExecutorContainerStarter starter;
  private final ExecutorContainerStarter.Spec spec;
  private final AMRMClientAsync<ContainerRequest> rmClient;

  private Optional<String> driverAddress = Optional.empty();
  private int pending;
  private int nextExecutorId = 1;

  ExecutorAllocator(
      ExecutorContainerStarter.Spec spec,
      ExecutorContainerStarter starter,
      YarnClientFactory clients,
      Duration heartbeat) {
    this.spec = requireNonNull(spec, "spec is null");
    this.starter = requireNonNull(starter, "starter is null");
    this.rmClient = clients.createAmRmClient(heartbeat, new Callbacks());
  }

  /**
   * Registers this ApplicationMaster with the ResourceManager.
   *
   * @param host the host the AM runs on (its RPC port is not served yet: -1)
   * @param trackingUrl the URL the RM links to, or empty
   * @throws UncheckedIOException if the RM refuses or cannot be reached
   */
  RegisterApplicationMasterResponse register(String host, String trackingUrl) {
    return register(host, -1, trackingUrl);
  }

  /**
   * Registers this ApplicationMaster with the ResourceManager, which reports {@code host} and
   * {@code rpcPort} in the application report (client deploy mode: where the driver reaches the
   * AM).
   *
   * @param rpcPort the port of the AM's RPC server, or -1 for none
   * @throws UncheckedIOException if the RM refuses or cannot be reached
   */
  RegisterApplicationMasterResponse register(String host, int rpcPort, String trackingUrl) {
    try {
      return rmClient.registerApplicationMaster(host, rpcPort, trackingUrl);
    } catch (YarnException | IOException e) {
      throw new UncheckedIOException(
          "the ApplicationMaster could not register with the ResourceManager: " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  /** Asks the RM for {@code count} executor containers that will connect to {@code driver}. */
  synchronized void requestExecutors(int count, String driver) {
    this.driverAddress = Optional.of(requireNonNull(driver, "driver is null"));
    for (int i = 0; i < count; i++) {
      rmClient.addContainerRequest(
          new ContainerRequest(spec.resource(), null, null, EXECUTOR_PRIORITY));
    }
    pending += count;
    LOG.info("Requested {} executor containers of {}", count, spec.resource());
  }

  /**
   * Unregisters with {@code status}; the RM then stops the application's containers.
   *
   * @throws UncheckedIOException if the RM cannot be reached
   */
  void unregister(FinalApplicationStatus status, String diagnostics) {
    try {
      rmClient.unregisterApplicationMaster(status, diagnostics, "");
    } catch (YarnException | IOException e) {
      throw new UncheckedIOException(
          "the ApplicationMaster could not unregister: " + e.getMessage(),
          e instanceof IOException io ? io : new IOException(e));
    }
  }

  @Override
  public void close() {
    starter.close();
    rmClient.stop();
  }

  private synchronized void allocated(List<Container> containers) {
    for (Container container : containers) {
      if (pending == 0 || driverAddress.isEmpty()) {
        LOG.info("Releasing surplus container {}", container.getId());
        rmClient.releaseAssignedContainer(container.getId());
        continue;
      }
      pending--;
      rmClient.removeContainerRequest(
          new ContainerRequest(spec.resource(), null, null, EXECUTOR_PRIORITY));
      starter.start(container, Integer.toString(nextExecutorId++), driverAddress.get());
    }
  }

  private final class Callbacks extends AMRMClientAsync.AbstractCallbackHandler {
    @Override
    public void onContainersAllocated(List<Container> containers) {
      allocated(containers);
    }

    @Override
    public void onContainersCompleted(List<ContainerStatus> statuses) {
      for (ContainerStatus status : statuses) {
        LOG.info(
            "Container {} completed with exit status {}: {}",
            status.getContainerId(),
            status.getExitStatus(),
            status.getDiagnostics());
      }
    }

    @Override
    public void onContainersUpdated(List<UpdatedContainer> containers) {}

    @Override
    public void onShutdownRequest() {
      LOG.warn("The ResourceManager asked this ApplicationMaster to shut down");
    }

    @Override
    public void onNodesUpdated(List<NodeReport> updatedNodes) {}

    @Override
    public float getProgress() {
      return 0.5f;
    }

    @Override
    public void onError(Throwable e) {
      LOG.error("Error in the ResourceManager heartbeat", e);
    }
  }
}
