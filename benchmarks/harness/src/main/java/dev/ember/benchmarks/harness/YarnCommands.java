package dev.ember.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command lines of the YARN benchmark's submitting processes, one per engine, all with the same
 * resources: 2 executors of 1 core and 1 GiB heap, a 1 GiB driver in the ApplicationMaster
 * (MapReduce: its defaults, 1 GiB task containers and a 1.5 GiB ApplicationMaster).
 *
 * <p>Options (all paths absolute): {@code --conf-dir} the cluster's HADOOP_CONF_DIR; {@code
 * --hdfs-input} the HDFS directory with {@code lineitem/} and {@code ten/}; {@code --hdfs-answers}
 * where jobs write answers; {@code --java}; {@code --ember-submit} the script, {@code --ember-jars}
 * (comma-separated, staged as {@code ember.yarn.jars}), {@code --ember-app-jar}; {@code --mr-cp}
 * the MapReduce client's classpath (the job jar, the installation's Hadoop, the conf dir), {@code
 * --mr-libjars}; {@code --spark-cp} SparkSubmit's classpath (Spark's jars and the conf dir), {@code
 * --spark-app-jar}, {@code --spark-jars} (for {@code --jars}), {@code --spark-yarn-jars}
 * (comma-separated {@code local:} paths for {@code spark.yarn.jars}).
 *
 * <p>Engines: {@code ember}, {@code ember-driver-executor} (the same ember-submit command plus
 * {@code --conf ember.yarn.driverExecutor.enabled=true}: the ApplicationMaster also runs an
 * executor with id {@code driver} that takes tasks only while the executor containers have not
 * registered), {@code mapreduce} and {@code spark}.
 */
final class YarnCommands {
  static final List<String> REQUIRED =
      List.of(
          "out",
          "conf-dir",
          "hdfs-input",
          "hdfs-answers",
          "java",
          "ember-submit",
          "ember-jars",
          "ember-app-jar",
          "mr-cp",
          "mr-libjars",
          "spark-cp",
          "spark-app-jar",
          "spark-jars",
          "spark-yarn-jars");

  /** Ember as it is submitted by default. */
  static final String EMBER = "ember";

  /**
   * Ember with the ApplicationMaster's own executor: {@link #EMBER} plus {@link
   * #DRIVER_EXECUTOR_CONF}.
   */
  static final String EMBER_DRIVER_EXECUTOR = "ember-driver-executor";

  /** The one setting {@link #EMBER_DRIVER_EXECUTOR} adds to {@link #EMBER}'s command. */
  static final String DRIVER_EXECUTOR_CONF = "ember.yarn.driverExecutor.enabled=true";

  /** Every engine {@link #command} knows, in run-yarn.sh's default order. */
  static final List<String> ENGINES = List.of(EMBER, EMBER_DRIVER_EXECUTOR, "mapreduce", "spark");

  private final Map<String, String> o;

  YarnCommands(Map<String, String> options) {
    this.o = Map.copyOf(options);
  }

  /** The HDFS file a run named {@code name} writes its answer to. */
  String answerPath(String name) {
    return o.get("hdfs-answers") + "/" + name;
  }

  /**
   * Variables for every submitting process: the cluster's configuration, and with {@code
   * --cluster-dir} ember-submit's class-data archive directory in it.
   */
  Map<String, String> environment() {
    Map<String, String> env = new java.util.HashMap<>();
    env.put("HADOOP_CONF_DIR", o.get("conf-dir"));
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    if (o.containsKey("cluster-dir")) {
      // ember-submit's class-data archive: written by the warm-up round, gone with the cluster.
      env.put(
          "EMBER_SUBMIT_CDS_DIR",
          java.nio.file.Path.of(o.get("cluster-dir"), "ember-submit-cds").toString());
    }
    return Map.copyOf(env);
  }

  /**
   * The submitting command of {@code engine} for {@code workload}.
   *
   * @param events where Ember's {@code --events} stream goes
   * @throws IllegalArgumentException for an unknown engine
   */
  List<String> command(String engine, String workload, String answer, Path events) {
    List<String> c = new ArrayList<>();
    switch (engine) {
      case EMBER:
      case EMBER_DRIVER_EXECUTOR:
        c.add(o.get("ember-submit"));
        c.addAll(List.of("--master", "yarn", "--deploy-mode", "cluster"));
        c.addAll(List.of("--class", "dev.ember.benchmarks.yarn.EmberYarnJobs"));
        c.addAll(List.of("--name", "bench-ember-" + workload));
        c.addAll(resources());
        c.addAll(List.of("--conf", "ember.yarn.jars=" + o.get("ember-jars")));
        if (engine.equals(EMBER_DRIVER_EXECUTOR)) {
          c.addAll(List.of("--conf", DRIVER_EXECUTOR_CONF));
        }
        c.addAll(List.of("--events", events.toString()));
        c.add(o.get("ember-app-jar"));
        break;
      case "mapreduce":
        c.add(o.get("java"));
        c.add("-Dbench.libjars=" + o.get("mr-libjars"));
        c.addAll(List.of("-cp", o.get("mr-cp"), "dev.ember.benchmarks.yarn.mr.MapReduceJobs"));
        c.addAll(List.of(workload, o.get("hdfs-input"), answer + ".output"));
        c.add(answer);
        return c;
      case "spark":
        c.add(o.get("java"));
        c.addAll(Engine.sparkJavaModuleOptions());
        c.addAll(List.of("-cp", o.get("spark-cp"), "org.apache.spark.deploy.SparkSubmit"));
        c.addAll(List.of("--master", "yarn", "--deploy-mode", "cluster"));
        c.addAll(List.of("--class", "dev.ember.benchmarks.sparkyarn.SparkYarnJobs"));
        c.addAll(List.of("--name", "bench-spark-" + workload));
        c.addAll(resources());
        c.addAll(List.of("--jars", o.get("spark-jars")));
        c.addAll(List.of("--conf", "spark.yarn.jars=" + o.get("spark-yarn-jars")));
        // Spark's shaded Hadoop 3.3 client must not meet the cluster's Hadoop 3.5 jars.
        c.addAll(List.of("--conf", "spark.yarn.populateHadoopClasspath=false"));
        c.addAll(List.of("--conf", "spark.ui.enabled=false"));
        c.addAll(List.of("--conf", "spark.serializer=org.apache.spark.serializer.KryoSerializer"));
        c.add(o.get("spark-app-jar"));
        break;
      default:
        throw new IllegalArgumentException(
            "unknown engine '" + engine + "'; use " + String.join(", ", ENGINES));
    }
    c.addAll(List.of(workload, o.get("hdfs-input"), answer));
    return c;
  }

  private static List<String> resources() {
    return List.of(
        "--num-executors",
        "2",
        "--executor-cores",
        "1",
        "--executor-memory",
        "1g",
        "--driver-memory",
        "1g");
  }

  /**
   * Every answer file's content, by path ({@code MISSING (...)} if a file cannot be read), read by
   * one JVM on the MapReduce client's classpath.
   */
  Map<String, String> readAnswers(List<String> paths) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.addAll(List.of(o.get("java"), "-cp", o.get("mr-cp")));
    command.add("dev.ember.benchmarks.yarn.ReadAnswers");
    command.addAll(paths);
    Map<String, String> answers = new HashMap<>();
    for (String line : YarnBenchmarkMain.outputOf(command, environment())) {
      if (line.startsWith("ANSWER ")) {
        int tab = line.indexOf('\t');
        answers.put(line.substring("ANSWER ".length(), tab), line.substring(tab + 1));
      }
    }
    return answers;
  }

  /** An option's value, or {@code fallback}. */
  String option(String key, String fallback) {
    return o.getOrDefault(key, fallback);
  }
}
