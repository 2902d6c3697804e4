package dev.ember.yarn.am;

import dev.ember.conf.ConfigLoader;
import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.rpc.RpcOptions;
import dev.ember.rpc.RpcSecret;
import dev.ember.rpc.RpcWarmup;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main class of Ember's ApplicationMaster container. In client deploy mode ({@link AmRole} from
 * the environment) it only negotiates executors for the driver in ember-submit ({@link
 * ClientModeApplicationMaster}). In cluster deploy mode it reads the staged configuration ({@link
 * StagingLayout#CONF_FILE}) and application ({@link StagingLayout#APP_FILE}) from its working
 * directory and the RPC secret from its credentials, asks for the executor containers (unless
 * {@code ember.yarn.am.requestExecutorsAtStart=false}), registers with the ResourceManager, runs
 * the user's main class as the driver with {@code ember.master=yarn} (its executors are allocated
 * by this AM), and unregisters with SUCCEEDED when main returned, FAILED with the exception as
 * diagnostics when it threw. When too many executor containers failed, the {@link
 * ExecutorAllocator} has already unregistered FAILED and aborted the driver's jobs; main's outcome
 * is then only logged.
 *
 * <p>Exit codes: 0 when the AM unregistered (whatever the application's final status: the RM
 * records that); 1 when it could not start or unregister, so that YARN may retry the attempt.
 */
public final class ApplicationMasterMain {
  private static final Logger LOG = LoggerFactory.getLogger(ApplicationMasterMain.class);

  private ApplicationMasterMain() {}

  public static void main(String[] argv) {
    int code;
    try {
      // One configuration for the staging directory's FileSystem and the YARN clients: each
      // instance parses the cluster's XML files again. Configuration's getters are thread-safe.
      YarnConfiguration hadoopConf = new YarnConfiguration();
      code = run(hadoopConf, YarnClientFactory.of(hadoopConf));
    } catch (IOException | RuntimeException e) {
      LOG.error("The ApplicationMaster failed", e);
      code = 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      code = 1;
    }
    System.exit(code);
  }

  private static int run(Configuration hadoopConf, YarnClientFactory clients)
      throws IOException, InterruptedException {
    // gRPC's server and client classes load on a second core while this thread reads its
    // configuration and talks to HDFS and the ResourceManager.
    var unusedWarmup = RpcWarmup.startOnOwnServerInBackground();
    Map<String, String> env = System.getenv();
    org.apache.hadoop.fs.Path stagingDir =
        new org.apache.hadoop.fs.Path(env.get(StagingLayout.STAGING_DIR_ENV));
    Path workDir = Path.of(env.getOrDefault(ApplicationConstants.Environment.PWD.name(), "."));
    Path executorResources = workDir.resolve(StagingLayout.EXECUTOR_RESOURCES_FILE);
    // ember-submit lists the executors' resources for the AM; without that list (an older
    // ember-submit) opening the FileSystem and listing the directory overlap with everything up to
    // the first executor container's launch.
    StagedResources staged =
        Files.exists(executorResources)
            ? StagedResources.fromList(executorResources, stagingDir, hadoopConf)
            : StagedResources.readInBackground(stagingDir, hadoopConf);
    EmberConf conf =
        ConfigLoader.create()
            .withPropertiesFile(workDir.resolve(StagingLayout.CONF_FILE))
            .load()
            .conf()
            .with(CoreOptions.MASTER.key(), "yarn");
    AppSpec app;
    try (Reader in =
        Files.newBufferedReader(workDir.resolve(StagingLayout.APP_FILE), StandardCharsets.UTF_8)) {
      app = AppSpec.readFrom(in);
    }
    byte[] secret = SecretCredentials.fromContainer();
    String host = env.get(ApplicationConstants.Environment.NM_HOST.name());
    conf = conf.with(RpcOptions.DRIVER_HOST.key(), host);

    ContainerSize size =
        ContainerSize.of(conf, YarnOptions.EXECUTOR_MEMORY, YarnOptions.EXECUTOR_MEMORY_OVERHEAD);
    int cores = conf.get(YarnOptions.EXECUTOR_CORES);
    ExecutorContainerStarter.Spec spec =
        new ExecutorContainerStarter.Spec(
            staged,
            LaunchContexts.classpathEnvironment(hadoopConf),
            SecretCredentials.tokens(new Credentials(), secret),
            size,
            cores,
            memoryBudget(conf, size),
            ExecutorContainerStarter.extraJavaOptions(conf));
    try (ExecutorAllocator allocator =
        new ExecutorAllocator(
            spec,
            new ExecutorContainerStarter(spec, clients),
            clients,
            conf.get(YarnOptions.AM_HEARTBEAT_INTERVAL),
            conf.get(YarnOptions.AM_INITIAL_ALLOCATION_INTERVAL),
            ExecutorAllocator.Limits.from(conf),
            RackLookup.yarn(hadoopConf))) {
      if (AmRole.fromEnvironment(env) == AmRole.CLIENT) {
        // The AM serves the remote driver until it ends: a staging failure must fail the attempt
        // before that, as it did before the staging directory was read in the background.
        var unused = staged.await();
        new ClientModeApplicationMaster(
                allocator, host, RpcSecret.of(secret), conf.get(YarnOptions.AM_DRIVER_TIMEOUT))
            .run();
        return 0;
      }
      if (conf.get(YarnOptions.AM_REQUEST_EXECUTORS_AT_START)) {
        // Before registering, so that the first heartbeat carries the asks: YARN allocates the
        // containers while the user's main starts the driver.
        allocator.requestAhead(conf.get(YarnOptions.EXECUTOR_INSTANCES));
      }
      allocator.register(host, "");
      Optional<AmRuntime.DriverExecutor> driverExecutor = driverExecutor(conf, env);
      if (driverExecutor.isPresent()) {
        // A short job may be over before any executor container starts (which is when the
        // FileSystem is opened otherwise): open it while the driver starts, not at the clean-up.
        staged.prefetchFileSystem();
      }
      AmRuntime.install(
          new AmRuntime(
              allocator,
              secret,
              host,
              conf.get(YarnOptions.EXECUTOR_INSTANCES),
              cores,
              driverExecutor));
      // The user's main builds its session from ember.* system properties, as under
      // spark-submit; the secret is not among them.
      conf.asMap().forEach(System::setProperty);
      LOG.info("Running {} as the driver", app.mainClass());
      Optional<String> failure =
          staged.awaitAlongside(
              new UserMainRunner(app, ApplicationMasterMain.class.getClassLoader()).start());
      // Unregistering ends the application, so no later attempt needs the staged files; deleting
      // them first (as Spark's ApplicationMaster does) means they are gone once it is FINISHED.
      staged.fileSystem().ifPresent(fs -> StagingCleanup.beforeUnregister(fs, stagingDir));
      if (allocator.failure().isPresent()) {
        // Already unregistered as FAILED; the user's main ended because its jobs were aborted.
        LOG.error("The application failed: {}", allocator.failure().get());
      } else if (failure.isPresent()) {
        LOG.error("{}", failure.get());
        allocator.unregister(FinalApplicationStatus.FAILED, failure.get());
      } else {
        allocator.unregister(FinalApplicationStatus.SUCCEEDED, "");
      }
      return 0;
    } catch (RuntimeException e) {
      Optional<FileSystem> fs = staged.fileSystem();
      if (fs.isPresent()) {
        StagingCleanup.afterAttemptFailure(fs.get(), stagingDir, env, hadoopConf);
      }
      throw e;
    }
  }

  /**
   * The executor to run in this JVM ({@code ember.yarn.driverExecutor.enabled}): {@code
   * ember.driver.cores} slots, a memory budget of (this JVM's max heap - 300 MiB) x {@code
   * ember.memory.fraction} (local mode's rule), capped by {@code ember.memory.budget} if set, and
   * the AM container's local directories.
   */
  private static Optional<AmRuntime.DriverExecutor> driverExecutor(
      EmberConf conf, Map<String, String> env) {
    if (!conf.get(YarnOptions.DRIVER_EXECUTOR_ENABLED)) {
      return Optional.empty();
    }
    long budget =
        (long)
            ((Runtime.getRuntime().maxMemory() - (300L << 20))
                * conf.get(CoreOptions.MEMORY_FRACTION));
    budget = Math.min(budget, conf.getOptional(CoreOptions.MEMORY_BUDGET).orElse(budget));
    if (budget <= 0) {
      LOG.warn(
          "{} is on but the driver's heap ({} MiB) leaves no memory for tasks; running without"
              + " the driver's executor (raise ember.driver.memory)",
          YarnOptions.DRIVER_EXECUTOR_ENABLED.key(),
          Runtime.getRuntime().maxMemory() >> 20);
      return Optional.empty();
    }
    List<Path> dirs =
        Arrays.stream(
                env.getOrDefault(ApplicationConstants.Environment.LOCAL_DIRS.name(), "").split(","))
            .map(String::trim)
            .filter(d -> !d.isEmpty())
            .map(Path::of)
            .toList();
    if (dirs.isEmpty()) {
      dirs = List.of(Path.of(System.getProperty("java.io.tmpdir")));
    }
    return Optional.of(
        new AmRuntime.DriverExecutor(conf.get(YarnOptions.DRIVER_CORES), budget, dirs));
  }

  /** {@code ember.memory.budget}, or (heap - 300 MiB) x {@code ember.memory.fraction}. */
  private static long memoryBudget(EmberConf conf, ContainerSize size) {
    long heap = size.heapMiB() << 20;
    return conf.getOptional(CoreOptions.MEMORY_BUDGET)
        .orElse((long) ((heap - (300L << 20)) * conf.get(CoreOptions.MEMORY_FRACTION)));
  }
}
