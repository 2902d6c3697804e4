package dev.ember.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * One engine the harness runs: how to fork its JVM for a workload. Each engine has its own
 * classpath, so Spark's dependencies never meet Ember's.
 *
 * @param name the name in reports, e.g. {@code ember}
 * @param classpath the forked JVM's {@code -cp}
 * @param mainClass the job runner's main class (arguments: workload, data directory, parallelism)
 * @param jvmFlags extra JVM flags, e.g. Spark's {@code --add-opens}
 * @param cores the task threads the engine uses (1 for the single-threaded baseline), for MB/s per
 *     core
 */
record Engine(String name, String classpath, String mainClass, List<String> jvmFlags, int cores) {
  Engine {
    jvmFlags = List.copyOf(jvmFlags);
  }

  /** The command line that runs {@code workload} on {@code dataDir}. */
  List<String> command(String java, String heap, String workload, String dataDir) {
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-Xms" + heap);
    command.add("-Xmx" + heap);
    command.add("-Djava.awt.headless=true");
    command.addAll(jvmFlags);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.add(workload);
    command.add(dataDir);
    command.add(Integer.toString(cores));
    return command;
  }

  /**
   * The flags Spark's own launcher adds on Java 17 (Spark's {@code JavaModuleOptions}): Spark and
   * its dependencies reach into JDK internals.
   */
  static List<String> sparkJavaModuleOptions() {
    List<String> flags = new ArrayList<>();
    flags.add("-XX:+IgnoreUnrecognizedVMOptions");
    for (String pkg :
        List.of(
            "java.lang",
            "java.lang.invoke",
            "java.lang.reflect",
            "java.io",
            "java.net",
            "java.nio",
            "java.util",
            "java.util.concurrent",
            "java.util.concurrent.atomic",
            "jdk.internal.ref",
            "sun.nio.ch",
            "sun.nio.cs",
            "sun.security.action",
            "sun.util.calendar")) {
      flags.add("--add-opens=java.base/" + pkg + "=ALL-UNNAMED");
    }
    flags.add("-Djdk.reflect.useDirectMethodHandle=false");
    flags.add("-Dio.netty.tryReflectionSetAccessible=true");
    return flags;
  }
}
