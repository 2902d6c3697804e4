package dev.ember.yarn.am;

import dev.ember.conf.ConfigException;
import dev.ember.conf.ConfigOption;
import dev.ember.conf.EmberConf;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.apache.hadoop.yarn.api.records.URL;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * Pieces of container launch contexts shared by the AM container (built by ember-submit) and
 * executor containers (built by the AM): local resources from the staging directory, the classpath
 * and the java command. Stateless.
 */
public final class LaunchContexts {
  private LaunchContexts() {}

  /**
   * The local resources of an Ember container, keyed by link name (the name in the container's
   * working directory): one APPLICATION-visibility FILE per file of {@code stagingDir} (except the
   * manifest and {@link StagingLayout#EXECUTOR_RESOURCES_FILE}), plus the entries of its {@link
   * StagingLayout#RESOURCES_FILE} manifest if there is one (cached jars, remote files, archives).
   *
   * @throws IOException if the directory cannot be listed or the manifest read
   */
  public static Map<String, LocalResource> stagedResources(FileSystem fs, Path stagingDir)
      throws IOException {
    Map<String, LocalResource> resources = new HashMap<>();
    boolean hasManifest = false;
    for (FileStatus status : fs.listStatus(stagingDir)) {
      String name = status.getPath().getName();
      if (!status.isFile()) {
        continue;
      }
      if (name.equals(StagingLayout.RESOURCES_FILE)) {
        // Known from the listing: no exists() call (one NameNode round trip less at AM start-up).
        hasManifest = true;
      } else if (!name.equals(StagingLayout.EXECUTOR_RESOURCES_FILE)) {
        resources.put(name, localResource(status));
      }
    }
    Path manifest = new Path(stagingDir, StagingLayout.RESOURCES_FILE);
    if (hasManifest) {
      try (Reader in =
          new InputStreamReader(fs.open(manifest), java.nio.charset.StandardCharsets.UTF_8)) {
        resources.putAll(ResourceManifest.readFrom(in).resources());
      }
    }
    return resources;
  }

  /** A FILE resource of APPLICATION visibility for an uploaded file. */
  public static LocalResource localResource(FileStatus status) {
    return LocalResource.newInstance(
        URL.fromPath(status.getPath()),
        LocalResourceType.FILE,
        LocalResourceVisibility.APPLICATION,
        status.getLen(),
        status.getModificationTime());
  }

  /**
   * The {@code CLASSPATH} of an Ember container: its working directory and the jars localized into
   * it (Ember's and the application's), then Hadoop from the cluster's {@code
   * yarn.application.classpath}. Expanded by the NodeManager ({@code {{PWD}}}, {@code <CPS>}).
   */
  public static Map<String, String> classpathEnvironment(Configuration conf) {
    List<String> entries = new ArrayList<>();
    entries.add(ApplicationConstants.Environment.PWD.$$());
    entries.add(ApplicationConstants.Environment.PWD.$$() + "/*");
    String[] yarnClasspath =
        conf.getStrings(
            YarnConfiguration.YARN_APPLICATION_CLASSPATH,
            YarnConfiguration.DEFAULT_YARN_CROSS_PLATFORM_APPLICATION_CLASSPATH);
    for (String entry : yarnClasspath) {
      entries.add(entry.trim());
    }
    Map<String, String> env = new HashMap<>();
    env.put(
        ApplicationConstants.Environment.CLASSPATH.name(),
        String.join(ApplicationConstants.CLASS_PATH_SEPARATOR, entries));
    return env;
  }

  /**
   * The start of a container's command: the cluster's java with the given heap. The rest is the
   * main class and its arguments, followed by {@link #logRedirects()}.
   */
  public static List<String> javaCommand(long heapMiB) {
    List<String> command = new ArrayList<>();
    command.add(ApplicationConstants.Environment.JAVA_HOME.$$() + "/bin/java");
    command.add("-Xmx" + heapMiB + "m");
    command.add("-XX:+UseParallelGC");
    command.add("-Djava.io.tmpdir=" + ApplicationConstants.Environment.PWD.$$() + "/tmp");
    return command;
  }

  /**
   * {@link #javaCommand(long)} followed by the user's extra JVM options; a garbage collector among
   * them ({@code -XX:+Use...GC}) replaces the default one, since the JVM refuses to start with two.
   *
   * @param extraJavaOptions as parsed by {@link #extraJavaOptions}
   */
  public static List<String> javaCommand(long heapMiB, List<String> extraJavaOptions) {
    List<String> command = javaCommand(heapMiB);
    if (extraJavaOptions.stream().anyMatch(o -> o.matches("-XX:\\+Use\\w+GC"))) {
      command.removeIf(o -> o.matches("-XX:\\+Use\\w+GC"));
    }
    command.addAll(extraJavaOptions);
    return command;
  }

  /**
   * Parses an {@code ...extraJavaOptions} option into JVM options, split at whitespace (no quoting:
   * an option cannot contain a space); empty if unset.
   *
   * @param heapHint how to set this JVM's heap instead, completing "set ..." in the error (e.g.
   *     "the executor heap with ember.executor.memory (--executor-memory)")
   * @throws ConfigException if an option sets the heap ({@code -Xmx}/{@code -Xms})
   */
  public static List<String> extraJavaOptions(
      EmberConf conf, ConfigOption<String> option, String heapHint) {
    String value = conf.get(option).trim();
    if (value.isEmpty()) {
      return List.of();
    }
    List<String> options = List.of(value.split("\\s+"));
    for (String o : options) {
      if (o.startsWith("-Xmx") || o.startsWith("-Xms")) {
        throw new ConfigException(
            option.key()
                + ": "
                + o
                + " is not allowed; set "
                + heapHint
                + ", which also sizes its container");
      }
    }
    return options;
  }

  /** Redirects stdout and stderr into the container's log directory. */
  public static List<String> logRedirects() {
    return List.of(
        "1>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stdout",
        "2>" + ApplicationConstants.LOG_DIR_EXPANSION_VAR + "/stderr");
  }
}
