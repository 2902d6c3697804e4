package dev.ember.conf;

import java.time.Duration;

/** The options of the engine core: application, scheduler, memory, shuffle and local storage. */
public final class CoreOptions {
  private CoreOptions() {}

  public static final ConfigOption<String> MASTER =
      ConfigOptions.key("ember.master")
          .stringType()
          .defaultValue("local[*]")
          .withDescription(
              "The cluster manager to run on: local, local[N], local[*] (in-process, N task"
                  + " threads), local-cluster[N,cores,memoryMiB] (N executor JVMs on this"
                  + " machine, for tests; needs ember-container-executor) or yarn.");

  public static final ConfigOption<String> APP_NAME =
      ConfigOptions.key("ember.app.name")
          .stringType()
          .defaultValue("ember-application")
          .withDescription("The application's name, shown in logs and in YARN.");

  public static final ConfigOption<Integer> TASK_MAX_FAILURES =
      ConfigOptions.key("ember.task.maxFailures")
          .intType()
          .defaultValue(4)
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "Number of failed attempts of one task after which its job fails (Spark's"
                  + " spark.task.maxFailures).");

  public static final ConfigOption<Integer> STAGE_MAX_CONSECUTIVE_ATTEMPTS =
      ConfigOptions.key("ember.stage.maxConsecutiveAttempts")
          .intType()
          .defaultValue(4)
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "Number of consecutive attempts of one stage that may end in a fetch failure (its"
                  + " shuffle input was lost and its parent stage re-run) before its job fails"
                  + " (Spark's spark.stage.maxConsecutiveAttempts).");

  public static final ConfigOption<Duration> LOCALITY_WAIT =
      ConfigOptions.key("ember.locality.wait")
          .durationType()
          .defaultValue(Duration.ofSeconds(3))
          .withDescription(
              "How long the task scheduler waits for a free slot at a task's preferred locality"
                  + " level before it tries the next level (PROCESS_LOCAL, NODE_LOCAL, RACK_LOCAL,"
                  + " ANY). Waiting is measured as how long offered free slots went unused because"
                  + " of locality (Spark's SPARK-18886 fix). 0 disables delay scheduling: tasks go"
                  + " to any free slot at once, the most local first. Delay scheduling, Zaharia et"
                  + " al., EuroSys 2010.");

  public static final ConfigOption<Duration> LOCALITY_WAIT_PROCESS =
      ConfigOptions.key("ember.locality.wait.process")
          .durationType()
          .noDefaultValue()
          .withDescription(
              "Wait at PROCESS_LOCAL level (for the executor caching a task's partition) before"
                  + " accepting NODE_LOCAL; defaults to ember.locality.wait.");

  public static final ConfigOption<Duration> LOCALITY_WAIT_NODE =
      ConfigOptions.key("ember.locality.wait.node")
          .durationType()
          .noDefaultValue()
          .withDescription(
              "Wait at NODE_LOCAL level (for an executor on a host holding a task's data) before"
                  + " accepting RACK_LOCAL; defaults to ember.locality.wait.");

  public static final ConfigOption<Duration> LOCALITY_WAIT_RACK =
      ConfigOptions.key("ember.locality.wait.rack")
          .durationType()
          .noDefaultValue()
          .withDescription(
              "Wait at RACK_LOCAL level (for an executor on the rack of a task's data, racks from"
                  + " HDFS block locations and ember.hadoop.net.topology.node.switch.mapping.impl)"
                  + " before accepting ANY; defaults to ember.locality.wait.");

  public static final ConfigOption<Boolean> LOCALITY_WAIT_LEGACY_RESET =
      ConfigOptions.key("ember.locality.wait.legacyResetOnTaskLaunch")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Restart the locality wait whenever a task launches at the current level (the rule"
                  + " before Spark 3.1), instead of only when an offer round leaves no free slot"
                  + " unused because of locality. The old rule can keep free executors idle while"
                  + " one busy executor keeps receiving local tasks (SPARK-18886).");

  public static final ConfigOption<Boolean> EXCLUDE_ON_FAILURE_ENABLED =
      ConfigOptions.key("ember.excludeOnFailure.enabled")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Stop scheduling tasks on executors and hosts on which tasks keep failing (Spark's"
                  + " spark.excludeOnFailure.enabled): per task, per stage attempt and, for"
                  + " ember.excludeOnFailure.timeout, for the whole application; the"
                  + " ApplicationMaster then asks YARN for no containers on the excluded hosts."
                  + " Only task failures count, not lost executors nor shuffle fetch failures."
                  + " See docs/fault-tolerance.md.");

  public static final ConfigOption<Integer> EXCLUDE_TASK_MAX_ATTEMPTS_PER_EXECUTOR =
      ConfigOptions.key("ember.excludeOnFailure.task.maxTaskAttemptsPerExecutor")
          .intType()
          .defaultValue(1)
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "With ember.excludeOnFailure.enabled: failed attempts of one task on one executor"
                  + " after which that task is not retried on that executor.");

  public static final ConfigOption<Integer> EXCLUDE_TASK_MAX_ATTEMPTS_PER_NODE =
      ConfigOptions.key("ember.excludeOnFailure.task.maxTaskAttemptsPerNode")
          .intType()
          .defaultValue(2)
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "With ember.excludeOnFailure.enabled: failed attempts of one task on one host (any"
                  + " of its executors) after which that task is not retried on that host. Must be"
                  + " below ember.task.maxFailures, or one bad host could fail the job.");

  public static final ConfigOption<Integer> EXCLUDE_STAGE_MAX_FAILED_TASKS_PER_EXECUTOR =
      ConfigOptions.key("ember.excludeOnFailure.stage.maxFailedTasksPerExecutor")
          .intType()
          .defaultValue(2)
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "With ember.excludeOnFailure.enabled: distinct tasks of one stage attempt that"
                  + " failed on one executor after which the executor gets no more tasks of that"
                  + " stage attempt.");

  public static final ConfigOption<Integer> EXCLUDE_STAGE_MAX_FAILED_EXECUTORS_PER_NODE =
      ConfigOptions.key("ember.excludeOnFailure.stage.maxFailedExecutorsPerNode")
          .intType()
          .defaultValue(2)
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "With ember.excludeOnFailure.enabled: executors of one host excluded for a stage"
                  + " attempt after which the whole host gets no more tasks of that stage attempt.");

  public static final ConfigOption<Integer> EXCLUDE_APP_MAX_FAILED_TASKS_PER_EXECUTOR =
      ConfigOptions.key("ember.excludeOnFailure.application.maxFailedTasksPerExecutor")
          .intType()
          .defaultValue(2)
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "With ember.excludeOnFailure.enabled: task failures on one executor, counted over"
                  + " the stage attempts that then succeeded and within the last"
                  + " ember.excludeOnFailure.timeout, after which the executor gets no tasks of any"
                  + " stage for ember.excludeOnFailure.timeout.");

  public static final ConfigOption<Integer> EXCLUDE_APP_MAX_FAILED_EXECUTORS_PER_NODE =
      ConfigOptions.key("ember.excludeOnFailure.application.maxFailedExecutorsPerNode")
          .intType()
          .defaultValue(2)
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "With ember.excludeOnFailure.enabled: executors of one host excluded for the"
                  + " application after which the whole host is excluded for"
                  + " ember.excludeOnFailure.timeout, and the ApplicationMaster asks YARN for no"
                  + " containers there.");

  public static final ConfigOption<Duration> EXCLUDE_TIMEOUT =
      ConfigOptions.key("ember.excludeOnFailure.timeout")
          .durationType()
          .defaultValue(Duration.ofHours(1))
          .checkValue(d -> !d.isNegative() && !d.isZero(), "must be greater than 0")
          .withDescription(
              "How long an executor or host excluded for the application stays excluded (and how"
                  + " long its task failures are remembered); then it gets tasks again.");

  public static final ConfigOption<Duration> EXCLUDE_UNSCHEDULABLE_TIMEOUT =
      ConfigOptions.key("ember.excludeOnFailure.unschedulableTaskSetTimeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(120))
          .checkValue(d -> !d.isNegative(), "must not be negative")
          .withDescription(
              "How long a stage may have a pending task that every live executor and host is"
                  + " excluded for, while no task of the stage launches, before the stage and its"
                  + " job fail (Spark's spark.scheduler.excludeOnFailure.unschedulableTaskSetTimeout)."
                  + " New executors (e.g. replacements for lost ones) may make the task schedulable"
                  + " meanwhile.");

  public static final ConfigOption<Boolean> SPECULATION =
      ConfigOptions.key("ember.speculation")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Speculative execution (Spark's spark.speculation): a task that has run much longer"
                  + " than its stage's successful tasks (see ember.speculation.multiplier and"
                  + " ember.speculation.quantile) gets a copy on another executor; the first"
                  + " attempt to succeed wins, the other is killed and never counts as a failure."
                  + " Output commit still lets exactly one attempt per partition commit.");

  public static final ConfigOption<Duration> SPECULATION_INTERVAL =
      ConfigOptions.key("ember.speculation.interval")
          .durationType()
          .defaultValue(Duration.ofMillis(100))
          .checkValue(d -> d.toMillis() >= 1, "must be at least 1ms")
          .withDescription(
              "How often the driver looks for tasks to speculate, when ember.speculation is on.");

  public static final ConfigOption<Double> SPECULATION_MULTIPLIER =
      ConfigOptions.key("ember.speculation.multiplier")
          .doubleType()
          .defaultValue(1.5)
          .checkValue(m -> m >= 1, "must be at least 1")
          .withDescription(
              "A running task is speculated when it has run longer than this many times the"
                  + " median run time of its task set's successful tasks.");

  public static final ConfigOption<Double> SPECULATION_QUANTILE =
      ConfigOptions.key("ember.speculation.quantile")
          .doubleType()
          .defaultValue(0.75)
          .checkValue(q -> q > 0 && q <= 1, "must be greater than 0 and at most 1")
          .withDescription(
              "Fraction of a task set's tasks that must have succeeded before any of its tasks is"
                  + " speculated (at least one task in any case).");

  public static final ConfigOption<Duration> SPECULATION_MIN_TASK_RUNTIME =
      ConfigOptions.key("ember.speculation.minTaskRuntime")
          .durationType()
          .defaultValue(Duration.ofMillis(100))
          .withDescription(
              "A task is never speculated before it has run this long, however short its task"
                  + " set's median run time (Spark's spark.speculation.minTaskRuntime).");

  public static final ConfigOption<Integer> DEFAULT_PARALLELISM =
      ConfigOptions.key("ember.default.parallelism")
          .intType()
          .noDefaultValue()
          .checkValue(n -> n >= 1, "must be at least 1")
          .withDescription(
              "Number of partitions of parallelize() and of shuffles when none is given; defaults"
                  + " to the total number of task slots.");

  public static final ConfigOption<Long> MEMORY_BUDGET =
      ConfigOptions.key("ember.memory.budget")
          .sizeType()
          .noDefaultValue()
          .checkValue(bytes -> bytes > 0, "must be greater than 0")
          .withDescription(
              "Memory of one executor shared by execution (shuffle, sort and aggregation buffers)"
                  + " and storage (cached partitions). Defaults to (heap - 300m) *"
                  + " ember.memory.fraction, as Spark's unified memory manager computes it.");

  public static final ConfigOption<Double> MEMORY_FRACTION =
      ConfigOptions.key("ember.memory.fraction")
          .doubleType()
          .defaultValue(0.6)
          .checkValue(f -> f > 0 && f <= 1, "must be greater than 0 and at most 1")
          .withDescription(
              "Fraction of (heap - 300m) used for execution and storage when ember.memory.budget"
                  + " is not set.");

  public static final ConfigOption<Double> MEMORY_STORAGE_FRACTION =
      ConfigOptions.key("ember.memory.storageFraction")
          .doubleType()
          .defaultValue(0.5)
          .checkValue(f -> f >= 0 && f <= 1, "must be between 0 and 1")
          .withDescription(
              "Fraction of the memory budget within which cached partitions are safe from"
                  + " eviction by execution; storage may use more while execution does not need"
                  + " it.");

  public static final ConfigOption<String> LOCAL_DIRS =
      ConfigOptions.key("ember.local.dirs")
          .stringType()
          .noDefaultValue()
          .withDescription(
              "Comma-separated local directories for shuffle files, spills and disk-cached"
                  + " partitions; defaults to the JVM's java.io.tmpdir. On YARN the NodeManager's"
                  + " local directories are used instead.");

  public static final ConfigOption<Long> SHUFFLE_FILE_BUFFER =
      ConfigOptions.key("ember.shuffle.file.buffer")
          .sizeType()
          .defaultValue(32L << 10)
          .checkValue(
              bytes -> bytes > 0 && bytes < (1L << 31), "must be greater than 0 and less than 2g")
          .withDescription("Buffer size of each shuffle and spill file output stream.");

  public static final ConfigOption<Boolean> UI_SHOW_CONSOLE_PROGRESS =
      ConfigOptions.key("ember.ui.showConsoleProgress")
          .booleanType()
          .defaultValue(true)
          .withDescription(
              "Show a progress bar of running stages on the driver's standard error, redrawn in"
                  + " place, as [Stage 3:====>   (12 + 4) / 40] (completed + running / total"
                  + " tasks), as Spark's spark.ui.showConsoleProgress does. Shown only when the"
                  + " driver runs on a terminal (the JVM has a console): never in a container, nor"
                  + " when output is redirected.");
}
