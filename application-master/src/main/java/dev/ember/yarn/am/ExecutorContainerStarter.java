package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.ConfigException;
import dev.ember.conf.EmberConf;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts {@link YarnExecutorMain} in allocated containers through an asynchronous NodeManager
 * client: the staged jars as local resources, the Ember/Hadoop classpath, the executor's heap and
 * the RPC secret in the container's credentials. Called by the allocator on the AMRM callback
 * thread; the NM client calls back on its own threads. Thread-safe (the NM client is).
 */
final class ExecutorContainerStarter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutorContainerStarter.class);

  /**
   * What every executor container gets.
   *
   * @param localResources staged files to localize, by link name (possibly still being read)
   * @param environment the container's environment (the classpath)
   * @param tokens serialized credentials holding the RPC secret
   * @param size heap and overhead of the executor JVM
   * @param cores task threads of each executor
   * @param memoryBudgetBytes {@code ember.memory.budget} of each executor
   * @param extraJavaOptions {@code ember.executor.extraJavaOptions}, one JVM option per element
   */
  record Spec(
      StagedResources localResources,
      Map<String, String> environment,
      ByteBuffer tokens,
      ContainerSize size,
      int cores,
      long memoryBudgetBytes,
      List<String> extraJavaOptions) {
    Spec {
      requireNonNull(localResources, "localResources is null");
      environment = Map.copyOf(environment);
      tokens = tokens.asReadOnlyBuffer();
      requireNonNull(size, "size is null");
      extraJavaOptions = List.copyOf(extraJavaOptions);
    }

    /** A spec whose local resources are known already. */
    Spec(
        Map<String, LocalResource> localResources,
        Map<String, String> environment,
        ByteBuffer tokens,
        ContainerSize size,
        int cores,
        long memoryBudgetBytes,
        List<String> extraJavaOptions) {
      this(
          StagedResources.of(localResources),
          environment,
          tokens,
          size,
          cores,
          memoryBudgetBytes,
          extraJavaOptions);
    }

    /** A spec whose local resources are known already, without extra JVM options. */
    Spec(
        Map<String, LocalResource> localResources,
        Map<String, String> environment,
        ByteBuffer tokens,
        ContainerSize size,
        int cores,
        long memoryBudgetBytes) {
      this(localResources, environment, tokens, size, cores, memoryBudgetBytes, List.of());
    }

    /** The container resource to request. */
    Resource resource() {
      return Resource.newInstance(size.totalMiB(), cores);
    }
  }

  /**
   * Parses {@code ember.executor.extraJavaOptions} into JVM options (split at whitespace).
   *
   * @throws ConfigException if an option sets the heap ({@code -Xmx}/{@code -Xms}), which {@code
   *     ember.executor.memory} sizes together with the container
   */
  static List<String> extraJavaOptions(EmberConf conf) {
    return LaunchContexts.extraJavaOptions(
        conf,
        YarnOptions.EXECUTOR_EXTRA_JAVA_OPTIONS,
        "the executor heap with " + YarnOptions.EXECUTOR_MEMORY.key() + " (--executor-memory)");
  }

  private final Spec spec;
  private final NMClientAsync nmClient;
  private volatile BiConsumer<ContainerId, Throwable> startFailures = (id, t) -> {};

  ExecutorContainerStarter(Spec spec, YarnClientFactory clients) {
    this.spec = requireNonNull(spec, "spec is null");
    this.nmClient = clients.createNmClient(new Callbacks());
  }

  /**
   * Where to report containers that could not be started ({@code onStartContainerError}); set once
   * by the {@link ExecutorAllocator} that owns this starter. Called on the NM client's threads.
   */
  void onStartFailure(BiConsumer<ContainerId, Throwable> handler) {
    this.startFailures = requireNonNull(handler, "handler is null");
  }

  /** Starts executor {@code executorId} in {@code container}, asynchronously. */
  void start(Container container, String executorId, String driverAddress) {
    List<String> command =
        LaunchContexts.javaCommand(spec.size().heapMiB(), spec.extraJavaOptions());
    command.add(YarnExecutorMain.class.getName());
    command.addAll(
        List.of(
            "--driver",
            driverAddress,
            "--executor-id",
            executorId,
            "--cores",
            Integer.toString(spec.cores()),
            "--memory-budget",
            spec.memoryBudgetBytes() + "b"));
    command.addAll(LaunchContexts.logRedirects());
    // The staged resources may still be read (StagedResources): the container starts when they
    // are, without holding up the allocator's caller. If they cannot be read, the AM's main thread
    // fails the attempt and this container is never started.
    if (!spec.localResources().failed()) {
      LOG.info(
          "Starting executor {} in container {} on {}",
          executorId,
          container.getId(),
          container.getNodeId());
    }
    spec.localResources()
        .whenRead(
            resources ->
                nmClient.startContainerAsync(
                    container,
                    ContainerLaunchContext.newInstance(
                        resources,
                        spec.environment(),
                        List.of(String.join(" ", command)),
                        null,
                        spec.tokens().duplicate(),
                        null)));
  }

  @Override
  public void close() {
    nmClient.stop();
  }

  @SuppressWarnings("deprecation") // The container-resource callbacks are abstract.
  private final class Callbacks extends NMClientAsync.AbstractCallbackHandler {
    @Override
    public void onContainerStarted(ContainerId id, Map<String, ByteBuffer> allServiceResponse) {
      LOG.info("Container {} started", id);
      spec.localResources().prefetchFileSystem();
    }

    @Override
    public void onStartContainerError(ContainerId id, Throwable t) {
      LOG.error("Could not start executor container {}: {}", id, t.toString());
      startFailures.accept(id, t);
    }

    @Override
    public void onContainerStatusReceived(ContainerId id, ContainerStatus status) {}

    @Override
    public void onContainerStopped(ContainerId id) {}

    @Override
    public void onContainerResourceIncreased(ContainerId id, Resource resource) {}

    @Override
    public void onContainerResourceUpdated(ContainerId id, Resource resource) {}

    @Override
    public void onGetContainerStatusError(ContainerId id, Throwable t) {}

    @Override
    public void onIncreaseContainerResourceError(ContainerId id, Throwable t) {}

    @Override
    public void onUpdateContainerResourceError(ContainerId id, Throwable t) {}

    @Override
    public void onStopContainerError(ContainerId id, Throwable t) {}
  }
}
