package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.EmberConf;
import dev.ember.scheduler.LocalityDemand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleSupplier;
import org.apache.hadoop.yarn.api.protocolrecords.RegisterApplicationMasterResponse;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
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
 * containers (in cluster deploy mode as soon as it registers, in parallel with the driver's start:
 * {@link #requestAhead}; else once the driver knows its address), hands each allocated container to
 * the {@link ExecutorContainerStarter} under a new executor id, releases surplus ones and
 * unregisters with the final status (Spark's {@code YarnAllocator} + {@code YarnRMClient}).
 *
 * <p>Container loss: when an executor's container completes (or the NodeManager cannot start it)
 * while the application runs, the allocator classifies why ({@link ContainerExitClassifier}), tells
 * the {@link AllocatorListener} which executor was lost and why, and requests a container of the
 * same size for a replacement executor, which gets a new id (ids are never reused). Losses that are
 * the application's fault are counted; when {@code ember.yarn.maxExecutorFailures} is reached the
 * allocator unregisters the application as FAILED, with diagnostics that say how many executors
 * failed and why the last one did, and tells the listener, so that the driver stops (Spark's
 * ApplicationMaster does the same with {@code spark.yarn.max.executor.failures}). Completions after
 * {@link #finishing} or {@link #unregister} are expected and neither reported nor replaced.
 *
 * <p>Locality: the driver sends its demand ({@link #updateDemand}: executors wanted, pending tasks
 * per preferred host) periodically; the allocator turns it into a {@link
 * ContainerPlacementStrategy} plan of host, rack and unconstrained requests and moves its {@link
 * OutstandingRequests} to it, cancelling stale host requests and keeping those still wanted.
 * Executors requested before any demand arrives, and replacements, are asked for anywhere until the
 * next demand places them. An allocated container is matched to the request for its host, then its
 * rack, then any; containers beyond the outstanding requests are released. Hosts YARN reports
 * unusable (lost, unhealthy, decommissioned) get no host requests: their share is asked for on
 * their rack.
 *
 * <p>Start-up: containers allocated before the driver's address is known are held (not launched: an
 * executor needs the address) and launched by {@link #requestExecutors}. While requests are
 * outstanding the heartbeat runs faster ({@link AllocationPacer}), so containers arrive soon after
 * the RM has them.
 *
 * <p>Threading: {@link #requestExecutors} and {@link #updateDemand} are called by the driver's
 * threads (in client deploy mode gRPC's), the callbacks by the AMRM and NM clients' callback
 * threads; state is guarded by {@code this}; the listener and the RM are called outside the lock,
 * and racks are resolved before taking it, so that a slow topology script never holds up the
 * heartbeat's callbacks.
 */
final class ExecutorAllocator implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorAllocator.class);
  private static final Priority EXECUTOR_PRIORITY = Priority.newInstance(1);

  /** Reported before the driver's first stage runs (and when no progress source is set). */
  static final float INITIAL_PROGRESS = 0.1f;

  /**
   * When the allocator gives up and how much it tells the RM.
   *
   * @param maxExecutorFailures executor failures after which the application fails
   * @param diagnosticsMaxChars maximum length of the unregister diagnostics
   */
  record Limits(int maxExecutorFailures, int diagnosticsMaxChars) {
    Limits {
      if (maxExecutorFailures < 1 || diagnosticsMaxChars < 1) {
        throw new IllegalArgumentException(
            "limits must be at least 1: " + maxExecutorFailures + ", " + diagnosticsMaxChars);
      }
    }

    /**
     * {@code ember.yarn.maxExecutorFailures} (default max(3, 2 x {@code ember.executor.instances}))
     * and {@code ember.yarn.am.diagnosticsMaxChars}.
     */
    static Limits from(EmberConf conf) {
      int failures =
          conf.getOptional(YarnOptions.MAX_EXECUTOR_FAILURES)
              .orElse(Math.max(3, 2 * conf.get(YarnOptions.EXECUTOR_INSTANCES)));
      return new Limits(failures, conf.get(YarnOptions.AM_DIAGNOSTICS_MAX_CHARS));
    }
  }

  /** An executor this allocator started, by container. */
  private record Launched(String executorId, String host) {}

  /** What to tell the listener once the lock is released. */
  private record Lost(String executorId, String reason) {}

  private final ExecutorContainerStarter starter;
  private final ExecutorContainerStarter.Spec spec;
  private final Limits limits;
  private final AMRMClientAsync<ContainerRequest> rmClient;
  private final RackLookup racks;
  private final ContainerPlacementStrategy placement = new ContainerPlacementStrategy();
  private final OutstandingRequests outstanding;
  private final YarnNodeExclusion nodeExclusion;
  private final AllocationPacer pacer;
  private volatile AllocatorListener listener = AllocatorListener.NONE;
  private volatile DoubleSupplier progress = () -> INITIAL_PROGRESS;

  private final Map<ContainerId, Launched> executors = new HashMap<>();
  private final Set<String> unusableHosts = new HashSet<>();
  private final List<Container> awaitingDriver = new ArrayList<>();
  private Optional<String> driverAddress = Optional.empty();
  private int nextExecutorId = 1;
  private int failures;
  private boolean finishing;
  private boolean unregistered;
  private Optional<String> failure = Optional.empty();

  /** An allocator with the default {@link Limits} of an empty configuration. */
  ExecutorAllocator(
      ExecutorContainerStarter.Spec spec,
      ExecutorContainerStarter starter,
      YarnClientFactory clients,
      Duration heartbeat) {
    this(spec, starter, clients, heartbeat, Limits.from(EmberConf.empty()));
  }

  ExecutorAllocator(
      ExecutorContainerStarter.Spec spec,
      ExecutorContainerStarter starter,
      YarnClientFactory clients,
      Duration heartbeat,
      Limits limits) {
    this(spec, starter, clients, heartbeat, limits, RackLookup.none());
  }

  /** An allocator whose heartbeat does not speed up while requests are outstanding. */
  ExecutorAllocator(
      ExecutorContainerStarter.Spec spec,
      ExecutorContainerStarter starter,
      YarnClientFactory clients,
      Duration heartbeat,
      Limits limits,
      RackLookup racks) {
    this(spec, starter, clients, heartbeat, heartbeat, limits, racks);
  }

  /**
   * @param heartbeat the heartbeat interval ({@code ember.yarn.am.heartbeatInterval})
   * @param initialAllocationInterval the heartbeat interval right after new container requests
   *     ({@code ember.yarn.am.initialAllocationInterval}; see {@link AllocationPacer})
   * @param racks the racks of hosts, for rack-level requests and matching containers to them
   */
  ExecutorAllocator(
      ExecutorContainerStarter.Spec spec,
      ExecutorContainerStarter starter,
      YarnClientFactory clients,
      Duration heartbeat,
      Duration initialAllocationInterval,
      Limits limits,
      RackLookup racks) {
    this.pacer = new AllocationPacer(heartbeat, initialAllocationInterval);
    this.spec = requireNonNull(spec, "spec is null");
    this.starter = requireNonNull(starter, "starter is null");
    this.limits = requireNonNull(limits, "limits is null");
    this.racks = requireNonNull(racks, "racks is null");
    this.rmClient = clients.createAmRmClient(heartbeat, new Callbacks());
    this.outstanding = new OutstandingRequests(rmClient, spec.resource(), EXECUTOR_PRIORITY);
    this.nodeExclusion = new YarnNodeExclusion(rmClient);
    starter.onStartFailure(this::startFailed);
  }

  /** Who hears about lost executors and the application's failure (replaces the previous one). */
  void setListener(AllocatorListener listener) {
    this.listener = requireNonNull(listener, "listener is null");
  }

  /**
   * What the heartbeat reports as the application's progress, in [0, 1] (values outside are
   * clamped); {@value #INITIAL_PROGRESS} until set. Called on the AMRM heartbeat thread.
   */
  void setProgress(DoubleSupplier progress) {
    this.progress = requireNonNull(progress, "progress is null");
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

  /**
   * Asks the RM for {@code count} executor containers, anywhere, that will connect to {@code
   * driver}.
   */
  synchronized void requestExecutors(int count, String driver) {
    this.driverAddress = Optional.of(requireNonNull(driver, "driver is null"));
    // A driver that asks for executors starts a session: an earlier session's end (finishing()) no
    // longer applies, or this one's containers would be released as surplus.
    finishing = false;
    List<Container> held = List.copyOf(awaitingDriver);
    awaitingDriver.clear();
    for (Container container : held) {
      if (executors.size() < count && !finishing) {
        launch(container, "held until the driver started");
      } else {
        LOG.info("Releasing surplus container {}", container.getId());
        rmClient.releaseAssignedContainer(container.getId());
      }
    }
    int missing = count - executors.size() - outstanding.size();
    for (int i = 0; i < missing; i++) {
      outstanding.add(ContainerPlacementStrategy.Ask.anywhere());
    }
    if (missing > 0) {
      LOG.info("Requested {} executor containers of {}", missing, spec.resource());
      requestsAdded();
    }
  }

  /**
   * Asks the RM for {@code count} executor containers, anywhere, before the driver is up (cluster
   * deploy mode, {@code ember.yarn.am.requestExecutorsAtStart}), so that YARN allocates them while
   * the user's main starts the driver. Containers that arrive first are held until {@link
   * #requestExecutors} gives the driver's address; that call then asks only for what is still
   * missing. Best called before {@link #register}, so that the first heartbeat carries the asks.
   */
  synchronized void requestAhead(int count) {
    for (int i = 0; i < count; i++) {
      outstanding.add(ContainerPlacementStrategy.Ask.anywhere());
    }
    LOG.info(
        "Requested {} executor containers of {} while the driver starts", count, spec.resource());
    requestsAdded();
  }

  /** Containers allocated before the driver's address was known and not launched yet. */
  synchronized int heldContainers() {
    return awaitingDriver.size();
  }

  private void requestsAdded() {
    rmClient.setHeartbeatInterval(Math.toIntExact(pacer.requested().toMillis()));
  }

  /**
   * Moves the outstanding container requests to the driver's current demand: asks for {@code
   * executorsWanted} minus the running executors, near the pending tasks' preferred hosts ({@link
   * ContainerPlacementStrategy}, with {@code ember.executor.cores} tasks per executor); cancels the
   * requests the demand no longer wants; asks YARN to avoid the hosts the driver excluded on
   * failure ({@link YarnNodeExclusion}), which get no host requests either. Resolves the preferred
   * hosts' racks first, outside the lock (this may run a topology script). Ignored before {@link
   * #requestExecutors} (no driver to connect executors to) and once the application finishes.
   * Called by the driver's demand reporter (cluster deploy mode) or a gRPC thread (client deploy
   * mode), typically every 500 ms.
   */
  void updateDemand(ExecutorDemand demand) {
    LocalityDemand locality = demand.locality();
    racks.resolve(locality.tasksByHost().keySet());
    Map<String, String> rackOfHost = new HashMap<>();
    for (String host : locality.tasksByHost().keySet()) {
      racks.cachedRack(host).ifPresent(rack -> rackOfHost.put(host, rack));
    }
    synchronized (this) {
      if (driverAddress.isEmpty() || finishing) {
        return;
      }
      Map<String, Integer> running = new HashMap<>();
      executors.values().forEach(e -> running.merge(e.host(), 1, Integer::sum));
      Map<String, Integer> capacity = new HashMap<>();
      unusableHosts.forEach(h -> capacity.put(h, 0));
      locality.excludedHosts().forEach(h -> capacity.put(h, 0));
      nodeExclusion.sync(locality.excludedHosts(), rmClient.getClusterNodeCount());
      ContainerPlacementStrategy.Plan plan =
          placement.plan(
              new ContainerPlacementStrategy.Demand(
                  Math.max(0, demand.executorsWanted() - executors.size()),
                  spec.cores(),
                  locality.localityAwareTasks(),
                  locality.tasksByHost(),
                  running,
                  rackOfHost,
                  capacity));
      ContainerPlacementStrategy.Diff<ContainerPlacementStrategy.Ask> diff =
          outstanding.sync(placement, plan);
      if (!diff.add().isEmpty()) {
        requestsAdded();
      }
      if (!diff.cancel().isEmpty() || !diff.add().isEmpty()) {
        LOG.info(
            "Container requests for {} pending tasks ({} with preferred hosts): cancelled {},"
                + " added {}, now {} (by host {}, by rack {}, anywhere {})",
            locality.pendingTasks(),
            locality.localityAwareTasks(),
            diff.cancel().size(),
            diff.add().size(),
            outstanding.size(),
            plan.byHost(),
            plan.byRack(),
            plan.anywhere());
      }
    }
  }

  /** The outstanding container requests per host that they name (for tests and logs). */
  synchronized Map<String, Integer> outstandingByHost() {
    return outstanding.byHost();
  }

  /** The number of outstanding container requests. */
  synchronized int outstandingRequests() {
    return outstanding.size();
  }

  /**
   * The application is ending (the driver stops its executors): container completions from now on
   * are expected and are neither reported nor replaced.
   */
  synchronized void finishing() {
    finishing = true;
  }

  /**
   * The diagnostics with which this allocator failed the application after too many executor
   * failures; empty while it has not.
   */
  synchronized Optional<String> failure() {
    return failure;
  }

  /**
   * Unregisters with {@code status}; the RM then stops the application's containers. The
   * diagnostics are truncated to {@code ember.yarn.am.diagnosticsMaxChars}. Does nothing if the
   * application was unregistered before (e.g. failed by this allocator).
   *
   * @throws UncheckedIOException if the RM cannot be reached
   */
  void unregister(FinalApplicationStatus status, String diagnostics) {
    synchronized (this) {
      finishing = true;
      if (unregistered) {
        LOG.info("Already unregistered; not reporting {}: {}", status, diagnostics);
        return;
      }
      unregistered = true;
    }
    try {
      rmClient.unregisterApplicationMaster(
          status, Diagnostics.truncate(diagnostics, limits.diagnosticsMaxChars()), "");
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
      String host = container.getNodeId().getHost();
      if (outstanding.size() == 0 || finishing) {
        LOG.info("Releasing surplus container {} on {}", container.getId(), host);
        rmClient.releaseAssignedContainer(container.getId());
        continue;
      }
      Optional<ContainerPlacementStrategy.Ask> matched =
          outstanding.match(host, racks.cachedRack(host));
      String how =
          "matched a request "
              + matched.map(a -> a.level() + (a.name().isEmpty() ? "" : " " + a.name())).orElse("");
      if (driverAddress.isEmpty()) {
        LOG.info(
            "Container {} on {} waits for the driver to start ({})", container.getId(), host, how);
        awaitingDriver.add(container);
      } else {
        launch(container, how);
      }
    }
  }

  /** Starts an executor in {@code container} (under the lock, the driver's address known). */
  private void launch(Container container, String how) {
    String host = container.getNodeId().getHost();
    String executorId = Integer.toString(nextExecutorId++);
    LOG.info("Container {} on {} for executor {} ({})", container.getId(), host, executorId, how);
    executors.put(container.getId(), new Launched(executorId, host));
    starter.start(container, executorId, driverAddress.orElseThrow());
  }

  private synchronized void nodesUpdated(List<NodeReport> nodes) {
    for (NodeReport node : nodes) {
      if (node.getNodeState().isUnusable()) {
        unusableHosts.add(node.getNodeId().getHost());
      } else {
        unusableHosts.remove(node.getNodeId().getHost());
      }
    }
  }

  private void completed(List<ContainerStatus> statuses) {
    List<Lost> lost = new ArrayList<>();
    Optional<String> failed = Optional.empty();
    synchronized (this) {
      for (ContainerStatus status : statuses) {
        if (awaitingDriver.removeIf(c -> c.getId().equals(status.getContainerId())) && !finishing) {
          // Taken back before it ran (e.g. preempted): ask again.
          LOG.info(
              "Held container {} completed with exit status {}; asking for another",
              status.getContainerId(),
              status.getExitStatus());
          outstanding.add(ContainerPlacementStrategy.Ask.anywhere());
          requestsAdded();
          continue;
        }
        Launched launched = executors.remove(status.getContainerId());
        if (launched == null || finishing) {
          LOG.info(
              "Container {}{} completed with exit status {}{}",
              status.getContainerId(),
              launched == null ? "" : " of executor " + launched.executorId(),
              status.getExitStatus(),
              launched == null ? " (released)" : " as the application finishes");
          continue;
        }
        ContainerExitClassifier.ContainerExit exit =
            ContainerExitClassifier.classify(status, launched.executorId(), launched.host());
        Optional<String> f =
            lost(launched.executorId(), exit.countsAsFailure(), exit.message(), lost);
        if (f.isPresent()) {
          failed = f;
        }
      }
    }
    report(lost, failed);
  }

  private void startFailed(ContainerId id, Throwable t) {
    List<Lost> lost = new ArrayList<>();
    Optional<String> failed;
    synchronized (this) {
      Launched launched = executors.remove(id);
      if (launched == null || finishing) {
        return;
      }
      rmClient.releaseAssignedContainer(id);
      String message =
          "Executor "
              + launched.executorId()
              + " (container "
              + id
              + " on "
              + launched.host()
              + ") could not be started by the NodeManager: "
              + t
              + ContainerExitClassifier.logHint(id, launched.host());
      failed = lost(launched.executorId(), true, message, lost);
    }
    report(lost, failed);
  }

  /**
   * Records a lost executor (under the lock): counts it, fails the application at the limit, or
   * requests a replacement.
   *
   * @return the failure diagnostics if this loss failed the application
   */
  private Optional<String> lost(
      String executorId, boolean countsAsFailure, String message, List<Lost> out) {
    out.add(new Lost(executorId, message));
    if (!countsAsFailure) {
      LOG.info("{}", message);
    } else {
      failures++;
      LOG.warn(
          "{} (executor failure {} of at most {})",
          message,
          failures,
          limits.maxExecutorFailures());
      if (failures >= limits.maxExecutorFailures() && failure.isEmpty()) {
        String diagnostics =
            failures
                + " executor containers failed, the maximum allowed ("
                + YarnOptions.MAX_EXECUTOR_FAILURES.key()
                + "="
                + limits.maxExecutorFailures()
                + "); the application fails. The last failure: "
                + message;
        failure = Optional.of(diagnostics);
        finishing = true;
        return failure;
      }
    }
    if (failure.isEmpty() && driverAddress.isPresent()) {
      outstanding.add(ContainerPlacementStrategy.Ask.anywhere());
      requestsAdded();
      LOG.info("Requested a container of {} to replace executor {}", spec.resource(), executorId);
    }
    return Optional.empty();
  }

  private void report(List<Lost> lost, Optional<String> failed) {
    AllocatorListener target = listener;
    for (Lost l : lost) {
      try {
        target.executorLost(l.executorId(), l.reason());
      } catch (RuntimeException e) {
        LOG.warn("The allocator listener failed on the loss of executor {}", l.executorId(), e);
      }
    }
    if (failed.isPresent()) {
      LOG.error("{}", failed.get());
      try {
        unregister(FinalApplicationStatus.FAILED, failed.get());
      } catch (UncheckedIOException e) {
        LOG.error("Could not unregister the failed application", e);
      }
      target.applicationFailed(failed.get());
    }
  }

  private void paceNextHeartbeat() {
    boolean waiting;
    synchronized (this) {
      waiting = outstanding.size() > 0;
    }
    rmClient.setHeartbeatInterval(Math.toIntExact(pacer.beat(waiting).toMillis()));
  }

  private final class Callbacks extends AMRMClientAsync.AbstractCallbackHandler {
    @Override
    public void onContainersAllocated(List<Container> containers) {
      allocated(containers);
    }

    @Override
    public void onContainersCompleted(List<ContainerStatus> statuses) {
      completed(statuses);
    }

    @Override
    public void onContainersUpdated(List<UpdatedContainer> containers) {}

    @Override
    public void onShutdownRequest() {
      LOG.warn("The ResourceManager asked this ApplicationMaster to shut down");
    }

    @Override
    public void onNodesUpdated(List<NodeReport> updatedNodes) {
      nodesUpdated(updatedNodes);
    }

    /** Called by the heartbeat thread before each heartbeat: also paces the next one. */
    @Override
    public float getProgress() {
      paceNextHeartbeat();
      double p = progress.getAsDouble();
      return Double.isNaN(p) ? INITIAL_PROGRESS : (float) Math.min(1, Math.max(0, p));
    }

    @Override
    public void onError(Throwable e) {
      LOG.error("Error in the ResourceManager heartbeat", e);
    }
  }
}
