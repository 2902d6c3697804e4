package dev.ember.yarn.client;

import dev.ember.conf.ConfigException;
import dev.ember.conf.ConfigLoader;
import dev.ember.conf.ConfigValidator;
import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.conf.HdfsWriteBackoff;
import dev.ember.conf.LoadedConf;
import dev.ember.yarn.am.AppSpec;
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
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
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

  @Option(names = "--driver-cores", description = "Driver vcores (ember.driver.cores).")
  Optional<String> driverCores;

  @Option(names = "--conf", description = "key=value, repeatable.")
  List<String> conf = new ArrayList<>();

  @Option(
      names = "--properties-file",
      paramLabel = "<file>",
      description =
          "ember.* properties loaded over $EMBER_CONF_DIR/ember-defaults.conf, before --conf.")
  Optional<Path> propertiesFile;

  @Option(
      names = "--jars",
      paramLabel = "<jars>",
      description = "Comma-separated jars for the driver's and executors' classpath.")
  List<String> jars = new ArrayList<>();

  @Option(
      names = "--files",
      paramLabel = "<files>",
      description = "Comma-separated files for each container's working directory (path#name).")
  List<String> files = new ArrayList<>();

  @Option(
      names = "--archives",
      paramLabel = "<archives>",
      description = "Comma-separated archives unpacked in each container (a.zip#dir).")
  List<String> archives = new ArrayList<>();

  @Option(
      names = "--events",
      paramLabel = "<file|->",
      description = "Write JSON events, one a line, to a file or (-) to stdout.")
  Optional<String> events;

  @Option(
      names = "--verbose",
      description = "Print the parsed arguments and the effective configuration.")
  boolean verbose;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<app.jar>",
      description = "The application jar.")
  Optional<Path> appJar;

  @Parameters(index = "1..*", paramLabel = "<args>", description = "Arguments of main.")
  List<String> appArgs = new ArrayList<>();

  /** Where {@code --verbose} prints: stderr, as spark-submit's {@code --verbose}. */
  private PrintStream verboseOut = System.err;

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
    submit.verboseOut = err;
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
   * HADOOP_CONF_DIR} and {@code YARN_CONF_DIR}, as spark-submit finds the cluster, with a shorter
   * first wait when a staging file is closed unless those files chose it ({@link
   * HdfsWriteBackoff}).
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
    return HdfsWriteBackoff.apply(conf);
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

  /**
   * Submits to YARN through {@link YarnSubmitter}, with the driver in this JVM in client deploy
   * mode ({@link ClientModeSubmission}). With {@code --events -} the JSON events own stdout and the
   * human-readable lines go to {@code err}.
   */
  private int submit(Configuration hadoopConf, PrintStream out, PrintStream err)
      throws SubmitException, InterruptedException {
    Path jar = appJar.get();
    EmberConf emberConf = emberConf();
    Optional<LocalRunner> driverRunner =
        deployMode.equals("client")
            ? Optional.of(
                ClientModeSubmission.driverRunner(jar, appSpec(), emberConf, driverMemory, err))
            : Optional.empty();
    List<Path> emberJars = EmberJars.find(emberConf, System.getenv());
    UserResources resources =
        UserResources.parse(
            jars,
            files,
            archives,
            emberJars.stream().map(p -> p.getFileName().toString()).toList());
    boolean eventsOnStdout = events.isPresent() && events.get().equals("-");
    try (SubmitEvents eventStream =
        events.isPresent() ? SubmitEvents.open(events.get(), out) : SubmitEvents.none()) {
      return new YarnSubmitter(hadoopConf, emberConf, eventsOnStdout ? err : out, eventStream)
          .submit(jar, appSpec(), emberJars, resources, driverRunner, err);
    } catch (IOException e) {
      throw new SubmitException(
          ExitCodes.USAGE_ERROR, "--events " + events.get() + ": " + e.getMessage(), e);
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
      driverCores.ifPresent(v -> overrides.put(YarnOptions.DRIVER_CORES.key(), v));
      overrides.putAll(fixed);
      ConfigLoader loader = ConfigLoader.create().withEnvironment(System.getenv());
      if (propertiesFile.isPresent()) {
        Path file = propertiesFile.get();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
          throw usage(
              "--properties-file " + file + ": does not exist, is not a file or is not readable");
        }
        loader = loader.withPropertiesFile(file);
      }
      LoadedConf loaded = loader.withOverrides(overrides).load();
      if (verbose) {
        VerboseReport.print(verboseOut, parsedArguments(), loaded);
      }
      List<String> errors = ConfigValidator.create().validate(loaded);
      if (!errors.isEmpty()) {
        throw usage(String.join("\n", errors));
      }
      return loaded.conf();
    } catch (ConfigException | IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
  }

  /** The flags as given, for {@code --verbose}; {@code --conf} values of secret keys redacted. */
  private List<String> parsedArguments() {
    List<String> lines = new ArrayList<>();
    lines.add("--master " + master);
    lines.add("--deploy-mode " + deployMode);
    mainClass.ifPresent(v -> lines.add("--class " + v));
    name.ifPresent(v -> lines.add("--name " + v));
    queue.ifPresent(v -> lines.add("--queue " + v));
    numExecutors.ifPresent(v -> lines.add("--num-executors " + v));
    executorMemory.ifPresent(v -> lines.add("--executor-memory " + v));
    executorCores.ifPresent(v -> lines.add("--executor-cores " + v));
    driverMemory.ifPresent(v -> lines.add("--driver-memory " + v));
    driverCores.ifPresent(v -> lines.add("--driver-cores " + v));
    propertiesFile.ifPresent(v -> lines.add("--properties-file " + v));
    for (String kv : conf) {
      int eq = kv.indexOf('=');
      lines.add(
          "--conf "
              + (eq < 0
                  ? kv
                  : kv.substring(0, eq + 1)
                      + VerboseReport.redact(kv.substring(0, eq), kv.substring(eq + 1))));
    }
    jars.forEach(v -> lines.add("--jars " + v));
    files.forEach(v -> lines.add("--files " + v));
    archives.forEach(v -> lines.add("--archives " + v));
    events.ifPresent(v -> lines.add("--events " + v));
    appJar.ifPresent(v -> lines.add("<app.jar> " + v));
    if (!appArgs.isEmpty()) {
      lines.add("<args> " + appArgs);
    }
    return lines;
  }

  private static SubmitException usage(String message) {
    return new SubmitException(ExitCodes.USAGE_ERROR, message);
  }
}
