package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.cluster.ClusterManager;
import dev.ember.cluster.DriverServices;
import dev.ember.conf.ConfigLoader;
import dev.ember.conf.ConfigValidator;
import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.conf.HdfsWriteBackoff;
import dev.ember.execution.DriverEndpoint;
import dev.ember.execution.TaskOutcomeCodec;
import dev.ember.lineage.HadoopTextDataset;
import dev.ember.lineage.ParallelCollectionDataset;
import dev.ember.lineage.ResultFunction;
import dev.ember.scheduler.DagScheduler;
import dev.ember.scheduler.DriverListeners;
import dev.ember.scheduler.JobListener;
import dev.ember.scheduler.MapOutputTracker;
import dev.ember.scheduler.MapStatus;
import dev.ember.scheduler.OutputCommitCoordinator;
import dev.ember.scheduler.RackResolver;
import dev.ember.scheduler.SchedulerBackend;
import dev.ember.scheduler.TaskScheduler;
import dev.ember.serializer.KryoRecordSerializer;
import dev.ember.serializer.RecordSerializer;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerMaster;
import dev.ember.ui.ConsoleProgressBar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point of an Ember application (Spark's {@code SparkContext}): creates datasets from
 * collections and files, shared variables, and runs jobs on the cluster manager chosen by {@code
 * ember.master}. Build one with {@link #builder()}; close it to stop executors and delete their
 * local files. One session per driver; its methods are thread-safe (actions from several threads
 * run as concurrent jobs).
 *
 * <pre>{@code
 * try (EmberSession ember = EmberSession.builder().appName("wc").master("local[2]").build()) {
 *   long n = ember.textFile("hdfs:///logs/2026-11-21").count();
 * }
 * }</pre>
 */
public final class EmberSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmberSession.class);
  private static final String HADOOP_PREFIX = "ember.hadoop.";

  private final EmberConf conf;
  private final String appId;
  private final RecordSerializer recordSerializer = new KryoRecordSerializer();
  private final MapOutputTracker mapOutputs = new MapOutputTracker();
  private final OutputCommitCoordinator commits = new OutputCommitCoordinator();
  private final BlockManagerMaster blocks = new BlockManagerMaster();
  private final Map<Long, byte[]> broadcasts = new ConcurrentHashMap<>();
  private final Map<Long, Accumulator<?, ?>> accumulators = new ConcurrentHashMap<>();
  private final List<JobListener> listeners = new CopyOnWriteArrayList<>();
  private final AtomicInteger nextDatasetId = new AtomicInteger();
  private final AtomicInteger nextShuffleId = new AtomicInteger();
  private final AtomicLong nextBroadcastId = new AtomicLong();
  private final DagScheduler dagScheduler;
  private final SchedulerBackend backend;
  private final TaskScheduler taskScheduler;
  private final Optional<ConsoleProgressBar> progressBar;

  private EmberSession(EmberConf conf) {
    this.conf = conf;
    String master = conf.get(CoreOptions.MASTER);
    listeners.addAll(DriverListeners.registered());
    ClusterManager manager = clusterManager(master);
    this.appId =
        manager.applicationId(master).orElseGet(() -> "local-" + System.currentTimeMillis());
    this.dagScheduler =
        new DagScheduler(
            conf.get(CoreOptions.STAGE_MAX_CONSECUTIVE_ATTEMPTS),
            mapOutputs,
            blocks,
            id -> Optional.ofNullable(accumulators.get(id)),
            listeners);
    this.taskScheduler =
        new TaskScheduler(
            conf,
            new TaskOutcomeCodec(recordSerializer, applicationClassLoader()),
            dagScheduler,
            commits,
            System::currentTimeMillis,
            RackResolver.fromHadoop(hadoopConfiguration()));
    dagScheduler.setTaskScheduler(taskScheduler);
    this.backend =
        manager.createBackend(
            master, new DriverServices(conf, recordSerializer, new Endpoint(), appId));
    taskScheduler.start(backend);
    // Last: its thread must not outlive a constructor that failed above. No job has run yet, so
    // adding it to the (copy-on-write) listeners now misses nothing.
    this.progressBar = ConsoleProgressBar.startIfEnabled(conf);
    progressBar.ifPresent(listeners::add);
  }

  /**
   * The class loader of the thread that builds the session: the application's (ember-submit and the
   * ApplicationMaster run the user's main with the application jar's loader as its context loader).
   */
  private static ClassLoader applicationClassLoader() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return loader != null ? loader : EmberSession.class.getClassLoader();
  }

  private static ClusterManager clusterManager(String master) {
    List<ClusterManager> found = new ArrayList<>();
    for (ClusterManager m : ServiceLoader.load(ClusterManager.class)) {
      if (m.canCreate(master)) {
        found.add(m);
      }
    }
    if (found.size() != 1) {
      throw new IllegalArgumentException(
          "ember.master: "
              + (found.isEmpty()
                  ? "no cluster manager accepts "
                  : "several cluster managers accept ")
              + "\""
              + master
              + "\"; use local, local[N], local[*] or yarn (with Ember's YARN modules on the"
              + " classpath)");
    }
    return found.get(0);
  }

  /** A builder for a session. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a session from an application name, a master and configuration values. */
  public static final class Builder {
    private final Map<String, String> values = new HashMap<>();
    private EmberConf base;

    private Builder() {}

    /** The application name ({@code ember.app.name}). */
    public Builder appName(String name) {
      return config(CoreOptions.APP_NAME.key(), name);
    }

    /** The master URL ({@code ember.master}): local, local[N], local[*] or yarn. */
    public Builder master(String master) {
      return config(CoreOptions.MASTER.key(), master);
    }

    /** Sets one configuration value (overrides {@link #conf}). */
    public Builder config(String key, String value) {
      values.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
      return this;
    }

    /**
     * Starts from a loaded configuration (e.g. defaults file plus --conf values) instead of the
     * default one (see {@link #build()}).
     */
    public Builder conf(EmberConf conf) {
      this.base = requireNonNull(conf, "conf is null");
      return this;
    }

    /**
     * Validates the configuration and starts the session and its executors.
     *
     * <p>Without {@link #conf}, the session starts, as Spark's {@code new SparkConf()} does, from
     * what the launcher set up: option defaults, then {@code $EMBER_CONF_DIR/ember-defaults.conf},
     * then {@code ember.*} JVM system properties (which is how ember-submit and the
     * ApplicationMaster hand --conf values, the master and the application name to a user's {@code
     * main}). Values set on this builder win over all of them.
     *
     * @throws dev.ember.conf.ConfigException if a value is malformed or an ember.* key is unknown
     * @throws IllegalArgumentException if no cluster manager accepts the master
     */
    public EmberSession build() {
      EmberConf start =
          base != null
              ? base
              : ConfigLoader.create()
                  .withEnvironment(System.getenv())
                  .withSystemProperties(System.getProperties())
                  .load()
                  .conf();
      EmberConf conf = start.withAll(values);
      for (String warning : ConfigValidator.create().validate(conf)) {
        LOG.warn(warning);
      }
      return new EmberSession(conf);
    }
  }

  // ---------------------------------------------------------------- sources

  /** A dataset of {@code data}'s elements in {@link #defaultParallelism()} partitions. */
  public <T> Dataset<T> parallelize(List<T> data) {
    return parallelize(data, defaultParallelism());
  }

  /**
   * A dataset of {@code data}'s elements cut into {@code numSlices} contiguous slices. The list is
   * copied (serialized) now.
   */
  public <T> Dataset<T> parallelize(List<T> data, int numSlices) {
    return new ParallelCollectionDataset<>(this, requireNonNull(data, "data is null"), numSlices);
  }

  /** A pair dataset of {@code data} in {@code numSlices} partitions. */
  public <K, V> PairDataset<K, V> parallelizePairs(List<Pair<K, V>> data, int numSlices) {
    return new PairDataset<>(parallelize(data, numSlices));
  }

  /** The lines of the text files at {@code path}, with at least 2 partitions where possible. */
  public Dataset<String> textFile(String path) {
    return textFile(path, Math.min(2, defaultParallelism()));
  }

  /**
   * The lines of the text file(s) at {@code path} (a file, directory or glob on any Hadoop
   * FileSystem; no scheme means the default FileSystem), split as Hadoop's {@code TextInputFormat}
   * splits them into at least {@code minPartitions} partitions. A missing path fails the first
   * action, before any task runs, naming the path.
   */
  public Dataset<String> textFile(String path, int minPartitions) {
    return new HadoopTextDataset(this, requireNonNull(path, "path is null"), minPartitions);
  }

  // ---------------------------------------------------------------- shared variables

  /** Ships {@code value} once to each executor; read it in tasks with {@link Broadcast#value()}. */
  public <T> Broadcast<T> broadcast(T value) {
    long id = nextBroadcastId.incrementAndGet();
    broadcasts.put(id, recordSerializer.toBytes(value));
    return new Broadcast<>(id, value);
  }

  public LongAccumulator longAccumulator(String name) {
    return register(new LongAccumulator(name));
  }

  public DoubleAccumulator doubleAccumulator(String name) {
    return register(new DoubleAccumulator(name));
  }

  public <T> CollectionAccumulator<T> collectionAccumulator(String name) {
    return register(new CollectionAccumulator<>(name));
  }

  private <A extends Accumulator<?, ?>> A register(A accumulator) {
    accumulators.put(accumulator.id(), accumulator);
    return accumulator;
  }

  // ---------------------------------------------------------------- jobs

  /**
   * Runs a job: {@code function} on each of {@code partitions} of {@code dataset}. Blocks until the
   * job ends. Actions are built on this.
   *
   * @return one result per partition, in the order of {@code partitions}
   * @throws dev.ember.serializer.SerializationException if a closure cannot be serialized
   * @throws JobFailedException if a task fails {@code ember.task.maxFailures} times, or a stage
   *     cannot fetch its input
   */
  public <T, U> List<U> runJob(
      Dataset<T> dataset, ResultFunction<T, U> function, List<Integer> partitions) {
    return dagScheduler.runJob(dataset, function, partitions);
  }

  /** Registers a listener for job summaries. */
  public void addJobListener(JobListener listener) {
    listeners.add(requireNonNull(listener, "listener is null"));
  }

  // ---------------------------------------------------------------- settings and internals

  public EmberConf conf() {
    return conf;
  }

  /**
   * The application id: the cluster manager's (YARN's {@code application_<ts>_<n>} in cluster
   * deploy mode), else {@code local-<millis>}.
   */
  public String appId() {
    return appId;
  }

  /** Partitions used when none is given: {@code ember.default.parallelism} or all task slots. */
  public int defaultParallelism() {
    return configuredParallelism().orElse(backend.defaultParallelism());
  }

  /** {@code ember.default.parallelism}, if set. */
  Optional<Integer> configuredParallelism() {
    return conf.getOptional(CoreOptions.DEFAULT_PARALLELISM);
  }

  /**
   * A new Hadoop configuration: Hadoop's defaults and {@code *-site.xml} from the classpath, plus
   * every {@code ember.hadoop.X} value as {@code X} (Spark's {@code spark.hadoop.*} convention),
   * with a shorter first wait when an HDFS file is closed unless one of those chose it ({@link
   * HdfsWriteBackoff}).
   */
  public Configuration hadoopConfiguration() {
    Configuration hadoop = new Configuration();
    conf.asMap()
        .forEach(
            (k, v) -> {
              if (k.startsWith(HADOOP_PREFIX)) {
                hadoop.set(k.substring(HADOOP_PREFIX.length()), v);
              }
            });
    return HdfsWriteBackoff.apply(hadoop);
  }

  /** The serializer for records (engine-internal). */
  public RecordSerializer recordSerializer() {
    return recordSerializer;
  }

  /** Engine-internal: a new dataset id. */
  public int newDatasetId() {
    return nextDatasetId.getAndIncrement();
  }

  /** Engine-internal: a new shuffle id. */
  public int newShuffleId() {
    return nextShuffleId.getAndIncrement();
  }

  void unpersist(int datasetId) {
    backend.removeCachedDataset(datasetId);
  }

  /** Stops the executors and the schedulers and deletes the executors' local files. */
  @Override
  public void close() {
    try {
      taskScheduler.stop();
      backend.close();
    } finally {
      dagScheduler.close();
      progressBar.ifPresent(ConsoleProgressBar::close);
    }
  }

  /** Answers executors in this process (local mode) from the driver's own registries. */
  private final class Endpoint implements DriverEndpoint {
    @Override
    public Optional<List<MapStatus>> mapOutputs(int shuffleId) {
      return mapOutputs.statuses(shuffleId);
    }

    @Override
    public byte[] broadcastBytes(long broadcastId) {
      byte[] bytes = broadcasts.get(broadcastId);
      if (bytes == null) {
        throw new IllegalStateException("broadcast " + broadcastId + " does not exist");
      }
      return bytes;
    }

    @Override
    public boolean canCommit(int stageId, int stageAttempt, int partition, int attemptNumber) {
      return commits.canCommit(stageId, stageAttempt, partition, attemptNumber);
    }

    @Override
    public void blockUpdated(BlockId blockId, String executorId, String host, boolean stored) {
      blocks.blockUpdated(blockId, executorId, host, stored);
    }
  }
}
