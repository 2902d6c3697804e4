package dev.ember.yarn.client;

import dev.ember.conf.ConfigException;
import dev.ember.conf.ConfigLoader;
import dev.ember.conf.ConfigValidator;
import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.conf.LoadedConf;
import dev.ember.yarn.am.AmRole;
import dev.ember.yarn.am.AppSpec;
import dev.ember.yarn.am.ContainerSize;
import dev.ember.yarn.am.SecretCredentials;
import dev.ember.yarn.am.YarnOptions;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ember-submit}: submits an application jar to YARN with spark-submit's flags and meanings,
 * prints {@code Submitted application <id>} and the tracking URL, waits for the end and exits with
 * one of {@link ExitCodes}. {@code --master yarn --deploy-mode cluster} submits to YARN with the
 * driver in the ApplicationMaster; {@code --deploy-mode client} (the default) runs the driver in
 * this JVM and its executors on YARN ({@link ClientModeSubmission}); {@code --master local[N]} runs
 * the application in this JVM ({@link LocalRunner}); {@code --status} and {@code --kill} ask the
 * ResourceManager about an application ({@link ApplicationControl}). The cluster is found through
 * the Hadoop configuration on the classpath and in {@code HADOOP_CONF_DIR}/{@code YARN_CONF_DIR}.
 * Flags map to options ({@code --num-executors} is {@code ember.executor.instances}, ...); {@code
 * --conf} may set any option, and flags win over it.
 */
@Command(
    name = "ember-submit",
    mixinStandardHelpOptions = true,
    description = "Submits an Ember application to YARN or runs it locally.",
    sortOptions = false)
public final class EmberSubmit {
  @Option(
      names = "--master",
      description = "yarn, or local, local[N], local[*] to run in this JVM.",
      defaultValue = "yarn")
  String master;

  @Option(
      names = "--deploy-mode",
      description =
          "client (default): the driver runs in this process, executors on YARN; cluster: the"
              + " driver runs in the ApplicationMaster on YARN.",
      defaultValue = "client")
  String deployMode;

  @Option(names = "--class", description = "The application's main class.")
  Optional<String> mainClass;

  @Option(
      names = "--status",
      paramLabel = "<applicationId>",
      description = "Print the state of an application and exit.")
  Optional<String> status;

  @Option(
      names = "--kill",
      paramLabel = "<applicationId>",
      description = "Kill an application and wait until it is KILLED.")
  Optional<String> kill;

  @Option(names = "--name", description = "The application's name (ember.app.name).")
  Optional<String> name;

  @Option(names = "--queue", description = "The YARN queue (ember.yarn.queue).")
  Optional<String> queue;

  @Option(names = "--num-executors", description = "Executors (ember.executor.instances).")
  Optional<String> numExecutors;

  @Option(names = "--executor-memory", description = "Executor heap, e.g. 2g.")
  Optional<String> executorMemory;

  @Option(names = "--executor-cores", description = "Task threads per executor.")
  Optional<String> executorCores;

  @Option(names = "--driver-memory", description = "Driver heap, e.g. 1g.")
  Optional<String> driverMemory;

  @Option(names = "--conf", description = "key=value, repeatable.")
  List<String> conf = new ArrayList<>();

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<app.jar>",
      description = "The application jar.")
  Optional<Path> appJar;

  @Parameters(index = "1..*", paramLabel = "<args>", description = "Arguments of main.")
  List<String> appArgs = new ArrayList<>();

  public static void main(String[] args) {
    System.exit(run(args, clusterConfiguration(System.getenv()), System.out, System.err));
  }

  /**
   * Parses {@code args}, submits and waits. Thread: the caller's, which it blocks until the
   * application ends.
   *
   * @param hadoopConf the cluster's configuration
   * @return one of {@link ExitCodes}
   */
  public static int run(String[] args, Configuration hadoopConf, PrintStream out, PrintStream err) {
    EmberSubmit submit = new EmberSubmit();
    // As with spark-submit, a repeated flag overrides the earlier one.
    CommandLine cli =
        new CommandLine(submit).setStopAtPositional(true).setOverwrittenOptionsAllowed(true);
    cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true))
        .setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
    try {
      CommandLine.ParseResult parsed = cli.parseArgs(args);
      if (CommandLine.printHelpIfRequested(parsed)) {
        return ExitCodes.SUCCESS;
      }
    } catch (CommandLine.ParameterException e) {
      err.println("ember-submit: " + e.getMessage());
      err.println("Run ember-submit --help for the flags.");
      return ExitCodes.USAGE_ERROR;
    }
    try {
      return submit.dispatch(hadoopConf, out, err);
    } catch (SubmitException e) {
      err.println("ember-submit: " + e.getMessage());
      return e.exitCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println("ember-submit: interrupted");
      return ExitCodes.LOST_CONTACT;
    }
  }

  /**
   * The Hadoop configuration on the classpath plus the {@code *-site.xml} files of {@code
   * HADOOP_CONF_DIR} and {@code YARN_CONF_DIR}, as spark-submit finds the cluster.
   */
  static Configuration clusterConfiguration(Map<String, String> env) {
    YarnConfiguration conf = new YarnConfiguration();
    for (String var : List.of("HADOOP_CONF_DIR", "YARN_CONF_DIR")) {
      String dir = env.get(var);
      if (dir != null && !dir.isBlank()) {
        for (String file : List.of("core-site.xml", "hdfs-site.xml", "yarn-site.xml")) {
          Path site = Path.of(dir, file);
          if (Files.isRegularFile(site)) {
            conf.addResource(new org.apache.hadoop.fs.Path(site.toUri()));
          }
        }
      }
    }
    return conf;
  }

  private int dispatch(Configuration hadoopConf, PrintStream out, PrintStream err)
      throws SubmitException, InterruptedException {
    if (status.isPresent() && kill.isPresent()) {
      throw usage("--status and --kill cannot be combined; give one of them");
    }
    if (status.isPresent() || kill.isPresent()) {
      String flag = status.isPresent() ? "--status" : "--kill";
      ApplicationId appId = ApplicationControl.parseId(flag, status.orElseGet(kill::get));
      if (appJar.isPresent()) {
        throw usage(flag + " takes no application jar (got " + appJar.get() + ")");
      }
      EmberConf emberConf = emberConf();
      try (YarnClient yarn = YarnClient.createYarnClient()) {
        yarn.init(hadoopConf);
        yarn.start();
        ApplicationControl control =
            new ApplicationControl(yarn, emberConf.get(YarnOptions.REPORT_INTERVAL), out);
        return status.isPresent() ? control.status(appId) : control.kill(appId);
      } catch (IOException e) {
        throw new SubmitException(
            ExitCodes.LOST_CONTACT, "cannot close the YARN client: " + e.getMessage(), e);
      }
    }
    if (mainClass.isEmpty()) {
      throw usage("--class is required: the application's main class");
    }
    if (appJar.isEmpty()) {
      throw usage("the application jar is missing: give it after the flags");
    }
    if (!Files.isRegularFile(appJar.get())) {
      throw usage("the application jar " + appJar.get() + " does not exist or is not a file");
    }
    if (LocalRunner.isLocal(master)) {
      if (deployMode.equals("cluster")) {
        throw usage(
            "--deploy-mode cluster needs --master yarn; --master "
                + master
                + " runs the application in this JVM (drop --deploy-mode)");
      }
      EmberConf emberConf = emberConf(Map.of(CoreOptions.MASTER.key(), master));
      return new LocalRunner(appJar.get(), appSpec(), emberConf, err).run();
    }
    if (!master.equals("yarn")) {
      throw usage("--master " + master + ": unknown master; use yarn, local, local[N] or local[*]");
    }
    if (!deployMode.equals("cluster") && !deployMode.equals("client")) {
      throw usage("--deploy-mode " + deployMode + ": unknown deploy mode; use client or cluster");
    }
    return submit(hadoopConf, out, err);
  }

  private AppSpec appSpec() {
    return new AppSpec(mainClass.get(), appArgs);
  }

  private int submit(Configuration hadoopConf, PrintStream out, PrintStream err)
      throws SubmitException, InterruptedException {
    Path jar = appJar.get();
    EmberConf emberConf = emberConf();
    boolean clientMode = deployMode.equals("client");
    Optional<LocalRunner> driverRunner =
        clientMode
            ? Optional.of(
                ClientModeSubmission.driverRunner(jar, appSpec(), emberConf, driverMemory, err))
            : Optional.empty();
    List<Path> emberJars = EmberJars.find(emberConf, System.getenv());
    ContainerSize executor =
        ContainerSize.of(
            emberConf, YarnOptions.EXECUTOR_MEMORY, YarnOptions.EXECUTOR_MEMORY_OVERHEAD);
    // In client mode the driver runs here; the AM only negotiates executors (Spark's
    // spark.yarn.am.memory).
    ContainerSize driver =
        clientMode
            ? ContainerSize.of(emberConf, YarnOptions.AM_MEMORY, YarnOptions.AM_MEMORY_OVERHEAD)
            : ContainerSize.of(
                emberConf, YarnOptions.DRIVER_MEMORY, YarnOptions.DRIVER_MEMORY_OVERHEAD);

    try (YarnClient yarn = YarnClient.createYarnClient()) {
      yarn.init(hadoopConf);
      yarn.start();
      YarnClientApplication app = yarn.createApplication();
      ApplicationId appId = app.getNewApplicationResponse().getApplicationId();
      Resource max = app.getNewApplicationResponse().getMaximumResourceCapability();
      SizeCheck.check(
          "--executor-memory",
          executor,
          emberConf.get(YarnOptions.EXECUTOR_CORES),
          "--executor-cores",
          max);
      // --driver-cores does not exist yet: the ApplicationMaster asks for 1 vcore.
      SizeCheck.check(
          clientMode ? YarnOptions.AM_MEMORY.key() : "--driver-memory",
          driver,
          1,
          "the ApplicationMaster's vcore count",
          max);

      FileSystem fs = FileSystem.get(hadoopConf);
      Stager stager = new Stager(fs, appId);
      List<String> staged = stager.stage(jar, emberJars, emberConf, appSpec());
      out.println("Staged " + staged + " in " + stager.dir());

      ApplicationSubmissionContext context = app.getApplicationSubmissionContext();
      context.setApplicationName(emberConf.get(CoreOptions.APP_NAME));
      context.setApplicationType("EMBER");
      context.setQueue(emberConf.get(YarnOptions.QUEUE));
      context.setResource(Resource.newInstance(driver.totalMiB(), 1));
      byte[] secret = SecretCredentials.newSecret();
      AmRole role = clientMode ? AmRole.CLIENT : AmRole.CLUSTER;
      context.setAMContainerSpec(
          AmLaunchContext.build(hadoopConf, fs, stager.dir(), driver, secret, role));
      yarn.submitApplication(context);
      out.println("Submitted application " + appId);
      out.println("Tracking URL: " + yarn.getApplicationReport(appId).getTrackingUrl());
      ApplicationMonitor monitor =
          new ApplicationMonitor(yarn, emberConf.get(YarnOptions.REPORT_INTERVAL), out);
      try (KillOnShutdown hook = KillOnShutdown.install(yarn, appId, err)) {
        if (driverRunner.isPresent()) {
          return new ClientModeSubmission(
                  monitor, appId, driverRunner.get(), emberConf, secret, out, err)
              .run();
        }
        return monitor.await(appId);
      } finally {
        stager.delete();
      }
    } catch (YarnException e) {
      throw new SubmitException(
          ExitCodes.SUBMISSION_REFUSED, "the ResourceManager refused: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new SubmitException(
          ExitCodes.LOST_CONTACT,
          "cannot reach the cluster: "
              + e.getMessage()
              + "; check HADOOP_CONF_DIR / YARN_CONF_DIR and that the ResourceManager and the"
              + " default FileSystem are up",
          e);
    }
  }

  /** The options: --conf values, then the flags, validated. */
  private EmberConf emberConf() throws SubmitException {
    return emberConf(Map.of());
  }

  /** The options: --conf values, then the flags, then {@code fixed}, validated. */
  private EmberConf emberConf(Map<String, String> fixed) throws SubmitException {
    Map<String, String> overrides = new LinkedHashMap<>();
    try {
      for (String kv : conf) {
        Map.Entry<String, String> e = ConfigLoader.parseConfFlag(kv);
        overrides.put(e.getKey(), e.getValue());
      }
      name.ifPresent(v -> overrides.put(CoreOptions.APP_NAME.key(), v));
      queue.ifPresent(v -> overrides.put(YarnOptions.QUEUE.key(), v));
      numExecutors.ifPresent(v -> overrides.put(YarnOptions.EXECUTOR_INSTANCES.key(), v));
      executorMemory.ifPresent(v -> overrides.put(YarnOptions.EXECUTOR_MEMORY.key(), v));
      executorCores.ifPresent(v -> overrides.put(YarnOptions.EXECUTOR_CORES.key(), v));
      driverMemory.ifPresent(v -> overrides.put(YarnOptions.DRIVER_MEMORY.key(), v));
      overrides.putAll(fixed);
      LoadedConf loaded =
          ConfigLoader.create().withEnvironment(System.getenv()).withOverrides(overrides).load();
      List<String> errors = ConfigValidator.create().validate(loaded);
      if (!errors.isEmpty()) {
        throw usage(String.join("\n", errors));
      }
      return loaded.conf();
    } catch (ConfigException | IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  private static SubmitException usage(String message) {
    return new SubmitException(ExitCodes.USAGE_ERROR, message);
  }
}
