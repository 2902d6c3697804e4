package dev.ember.yarn.am;

import dev.ember.conf.ConfigOption;
import dev.ember.conf.ConfigOptions;
import java.time.Duration;

/**
 * Options of Ember's YARN application: executor and driver sizes (spark-submit's {@code
 * --num-executors}, {@code --executor-memory}, {@code --executor-cores}, {@code --driver-memory}
 * set them), the queue and the ApplicationMaster's heartbeat. Read by ember-submit (sizing checks,
 * the AM container) and by the ApplicationMaster (executor containers).
 */
public final class YarnOptions {
  private YarnOptions() {}

  public static final ConfigOption<Integer> EXECUTOR_INSTANCES =
      ConfigOptions.key("ember.executor.instances")
          .intType()
          .defaultValue(2)
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "Number of executor containers the ApplicationMaster requests (--num-executors).");

  public static final ConfigOption<Long> EXECUTOR_MEMORY =
      ConfigOptions.key("ember.executor.memory")
          .sizeType()
          .defaultValue(1L << 30)
          .checkValue(b -> b >= 512L << 20, "must be at least 512m")
          .withDescription(
              "Heap of one executor JVM (--executor-memory). Its container gets heap +"
                  + " ember.yarn.executor.memoryOverhead.");

  public static final ConfigOption<Integer> EXECUTOR_CORES =
      ConfigOptions.key("ember.executor.cores")
          .intType()
          .defaultValue(1)
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "Task threads of one executor and vcores of its container (--executor-cores).");

  public static final ConfigOption<Long> EXECUTOR_MEMORY_OVERHEAD =
      ConfigOptions.key("ember.yarn.executor.memoryOverhead")
          .sizeType()
          .noDefaultValue()
          .checkValue(b -> b > 0, "must be greater than 0")
          .withDescription(
              "Off-heap memory added to an executor's heap to size its container; defaults to"
                  + " max(384m, 10% of ember.executor.memory), as Spark computes it.");

  public static final ConfigOption<Long> DRIVER_MEMORY =
      ConfigOptions.key("ember.driver.memory")
          .sizeType()
          .defaultValue(1L << 30)
          .checkValue(b -> b >= 512L << 20, "must be at least 512m")
          .withDescription(
              "Heap of the driver (--driver-memory); in cluster deploy mode, of the"
                  + " ApplicationMaster's JVM, whose container gets heap +"
                  + " ember.yarn.driver.memoryOverhead.");

  public static final ConfigOption<Long> DRIVER_MEMORY_OVERHEAD =
      ConfigOptions.key("ember.yarn.driver.memoryOverhead")
          .sizeType()
          .noDefaultValue()
          .checkValue(b -> b > 0, "must be greater than 0")
          .withDescription(
              "Off-heap memory added to the driver's heap to size the ApplicationMaster container"
                  + " in cluster deploy mode; defaults to max(384m, 10% of ember.driver.memory).");

  public static final ConfigOption<Integer> DRIVER_CORES =
      ConfigOptions.key("ember.driver.cores")
          .intType()
          .defaultValue(1)
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "Vcores of the driver (--driver-cores); in cluster deploy mode, of the"
                  + " ApplicationMaster's container.");

  public static final ConfigOption<String> JAR_CACHE_DIR =
      ConfigOptions.key("ember.yarn.jarCache.dir")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Directory on the default FileSystem where ember-submit keeps Ember's runtime jars"
                  + " (ember.yarn.jars) once per Ember version and content, shared by all"
                  + " submissions; defaults to .emberCache under the submitting user's home."
                  + " Readable by all (and so localized with PUBLIC visibility) when every"
                  + " ancestor directory is world-executable.");

  public static final ConfigOption<Integer> MAX_APP_ATTEMPTS =
      ConfigOptions.key("ember.yarn.maxAppAttempts")
          .intType()
          .noDefaultValue()
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "How many ApplicationMaster attempts YARN makes before failing the application;"
                  + " defaults to, and is capped by, the cluster's"
                  + " yarn.resourcemanager.am.max-attempts.");

  public static final ConfigOption<Boolean> WAIT_APP_COMPLETION =
      ConfigOptions.key("ember.yarn.submit.waitAppCompletion")
          .booleanType()
          .defaultValue(true)
          .withDescription(
              "In cluster deploy mode, whether ember-submit waits for the application to end"
                  + " (and exits with its outcome) or exits 0 as soon as the ResourceManager has"
                  + " accepted it.");

  public static final ConfigOption<String> TAGS =
      ConfigOptions.key("ember.yarn.tags")
          .stringType()
          .defaultValue("")
          .checkValue(
              YarnOptions::validTags,
              "must be comma-separated tags of at most 100 printable ASCII characters each")
          .withDescription(
              "Comma-separated YARN application tags (Spark's spark.yarn.tags), e.g. the"
                  + " orchestrator's DAG and run ids; YARN stores them in lower case. Listed by"
                  + " `yarn application -list -appTags`.");

  public static final ConfigOption<String> SUBMIT_KEY =
      ConfigOptions.key("ember.yarn.submit.key")
          .stringType()
          .noDefaultValue()
          .checkValue(
              k -> k.matches("[A-Za-z0-9._:/-]{1,80}"),
              "must be 1 to 80 characters among letters, digits and . _ : / -")
          .withDescription(
              "An idempotency key for the submission (case-insensitive), e.g."
                  + " <dag>.<task>.<logical date>. It is stored as the application tag"
                  + " ember-key:<key>; before submitting, ember-submit looks for an"
                  + " application of the same user with that tag that has not ended, and acts"
                  + " as ember.yarn.submit.ifRunning says.");

  public static final ConfigOption<String> SUBMIT_IF_RUNNING =
      ConfigOptions.key("ember.yarn.submit.ifRunning")
          .stringType()
          .defaultValue("fail")
          .checkValue(
              m -> m.equals("fail") || m.equals("attach") || m.equals("kill"),
              "must be fail, attach or kill")
          .withDescription(
              "What ember-submit does when an application with the same ember.yarn.submit.key"
                  + " has not ended: fail (exit code 6, submit nothing), attach (follow that"
                  + " application to its end and exit with its outcome, as if it had just"
                  + " submitted it) or kill (kill it, wait until YARN reports it ended, then"
                  + " submit). Ignored without ember.yarn.submit.key.");

  public static final ConfigOption<String> QUEUE =
      ConfigOptions.key("ember.yarn.queue")
          .stringType()
          .defaultValue("default")
          .withDescription("The YARN queue the application is submitted to (--queue).");

  public static final ConfigOption<String> JARS =
      ConfigOptions.key("ember.yarn.jars")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Comma-separated local paths of Ember's runtime jars (and their non-Hadoop"
                  + " dependencies) that ember-submit stages and localizes in every container;"
                  + " defaults to the jars in $EMBER_HOME/jars.");

  public static final ConfigOption<Duration> AM_HEARTBEAT_INTERVAL =
      ConfigOptions.key("ember.yarn.am.heartbeatInterval")
          .durationType()
          .defaultValue(Duration.ofSeconds(1))
          .checkValue(d -> !d.isNegative() && !d.isZero(), "must be greater than 0")
          .withDescription(
              "How often the ApplicationMaster heartbeats to the ResourceManager (and so how soon"
                  + " it receives containers it asked for).");

  public static final ConfigOption<Duration> AM_INITIAL_ALLOCATION_INTERVAL =
      ConfigOptions.key("ember.yarn.am.initialAllocationInterval")
          .durationType()
          .defaultValue(Duration.ofMillis(200))
          .checkValue(d -> !d.isNegative() && !d.isZero(), "must be greater than 0")
          .withDescription(
              "How soon the ApplicationMaster heartbeats again after it asked for executor"
                  + " containers; the interval doubles on each heartbeat while containers are"
                  + " still missing, up to ember.yarn.am.heartbeatInterval, so executors arrive"
                  + " soon after the ResourceManager has them without polling it fast for long"
                  + " (Spark's spark.yarn.scheduler.initial-allocation.interval).");

  public static final ConfigOption<Boolean> AM_REQUEST_EXECUTORS_AT_START =
      ConfigOptions.key("ember.yarn.am.requestExecutorsAtStart")
          .booleanType()
          .defaultValue(true)
          .withDescription(
              "In cluster deploy mode, whether the ApplicationMaster asks for its"
                  + " ember.executor.instances executor containers as soon as it registers, while"
                  + " the user's main starts the driver; containers that arrive first wait,"
                  + " allocated but not started, until the driver's session is up. false asks"
                  + " only once the session is up (as Spark does): for a main that works long"
                  + " before it builds its session, so that no containers sit idle meanwhile.");

  public static final ConfigOption<Boolean> DRIVER_EXECUTOR_ENABLED =
      ConfigOptions.key("ember.yarn.driverExecutor.enabled")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "In cluster deploy mode, whether the ApplicationMaster also runs an executor (id"
                  + " 'driver', ember.driver.cores task slots, its memory budget taken from the"
                  + " driver's heap as in local mode) that gets tasks only while fewer than"
                  + " ember.executor.instances executor containers are registered. The first"
                  + " job starts as soon as it is up instead of waiting for the containers' JVMs,"
                  + " so small jobs may finish before any container registers (MapReduce's uber"
                  + " mode, limited to the start-up). Its tasks share the driver's heap and"
                  + " process: a task that exhausts the heap or calls System.exit ends the"
                  + " application attempt. Ignored in client deploy mode.");

  public static final ConfigOption<Integer> MAX_EXECUTOR_FAILURES =
      ConfigOptions.key("ember.yarn.maxExecutorFailures")
          .intType()
          .noDefaultValue()
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "Executor container failures after which the ApplicationMaster fails the"
                  + " application (Spark's spark.yarn.max.executor.failures); defaults to max(3, 2 x"
                  + " ember.executor.instances). Preemption, kills by YARN and failed disks do not"
                  + " count.");

  public static final ConfigOption<Integer> AM_DIAGNOSTICS_MAX_CHARS =
      ConfigOptions.key("ember.yarn.am.diagnosticsMaxChars")
          .intType()
          .defaultValue(4096)
          .checkValue(n -> n >= 200, "must be at least 200")
          .withDescription(
              "Maximum length of the diagnostics the ApplicationMaster reports to the"
                  + " ResourceManager when it unregisters; longer ones keep their start (the root"
                  + " cause) and say they were truncated.");

  public static final ConfigOption<String> EXECUTOR_EXTRA_JAVA_OPTIONS =
      ConfigOptions.key("ember.executor.extraJavaOptions")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Extra JVM options of executor JVMs in YARN containers, separated by spaces (e.g."
                  + " GC flags or -D properties; Spark's spark.executor.extraJavaOptions). The"
                  + " heap is set with ember.executor.memory, not -Xmx here.");

  public static final ConfigOption<String> AM_EXTRA_JAVA_OPTIONS =
      ConfigOptions.key("ember.yarn.am.extraJavaOptions")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Extra JVM options of the ApplicationMaster's JVM, separated by spaces (e.g. GC or"
                  + " profiling flags, -D properties). In cluster deploy mode the driver runs in"
                  + " that JVM (Spark's spark.driver.extraJavaOptions there); in client deploy"
                  + " mode it only negotiates executors (Spark's spark.yarn.am.extraJavaOptions)."
                  + " The heap is set with ember.driver.memory (cluster deploy mode) or"
                  + " ember.yarn.am.memory (client deploy mode), not -Xmx here.");

  public static final ConfigOption<Duration> REPORT_INTERVAL =
      ConfigOptions.key("ember.yarn.report.interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(1))
          .checkValue(d -> !d.isNegative() && !d.isZero(), "must be greater than 0")
          .withDescription(
              "The longest wait between two polls of the application report while ember-submit"
                  + " waits for the application (Spark's spark.yarn.report.interval). After each"
                  + " state change it polls sooner: a tenth of the time since that change, at least"
                  + " 200 ms (the YARN client's own poll interval), so that the end of a short"
                  + " application is noticed within about a tenth of its run.");

  public static final ConfigOption<Long> AM_MEMORY =
      ConfigOptions.key("ember.yarn.am.memory")
          .sizeType()
          .defaultValue(512L << 20)
          .checkValue(b -> b >= 256L << 20, "must be at least 256m")
          .withDescription(
              "Heap of the ApplicationMaster in client deploy mode, where it only negotiates"
                  + " executor containers (the driver runs in ember-submit and uses"
                  + " ember.driver.memory there); Spark's spark.yarn.am.memory.");

  public static final ConfigOption<Long> AM_MEMORY_OVERHEAD =
      ConfigOptions.key("ember.yarn.am.memoryOverhead")
          .sizeType()
          .noDefaultValue()
          .checkValue(b -> b > 0, "must be greater than 0")
          .withDescription(
              "Off-heap memory added to ember.yarn.am.memory to size the ApplicationMaster"
                  + " container in client deploy mode; defaults to max(384m, 10% of"
                  + " ember.yarn.am.memory).");

  public static final ConfigOption<Duration> AM_DRIVER_TIMEOUT =
      ConfigOptions.key("ember.yarn.am.driverTimeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(60))
          .checkValue(d -> d.toMillis() >= 1000, "must be at least 1s")
          .withDescription(
              "In client deploy mode, how long the ApplicationMaster waits without a heartbeat"
                  + " from the driver (in ember-submit) before it declares the driver lost and"
                  + " unregisters FAILED, releasing the executor containers. A closed connection"
                  + " is noticed at once; this covers a driver host that vanishes. The driver"
                  + " heartbeats every quarter of this.");

  /** Whether {@code value} is a valid {@link #TAGS} value (empty entries are skipped). */
  static boolean validTags(String value) {
    if (value.isBlank()) {
      return true;
    }
    for (String tag : value.split(",", -1)) {
      String t = tag.strip();
      if (t.length() > 100 || !t.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
        return false;
      }
    }
    return true;
  }
}
