package dev.ember.yarn.client;

import dev.ember.conf.ConfigException;
import dev.ember.conf.EmberConf;
import dev.ember.yarn.am.AmRole;
import dev.ember.yarn.am.ApplicationMasterMain;
import dev.ember.yarn.am.ContainerSize;
import dev.ember.yarn.am.LaunchContexts;
import dev.ember.yarn.am.ResourceManifest;
import dev.ember.yarn.am.SecretCredentials;
import dev.ember.yarn.am.StagingLayout;
import dev.ember.yarn.am.YarnOptions;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.LocalResource;

/**
 * Builds the ApplicationMaster container's launch context: the staged files as local resources, the
 * Ember + {@code yarn.application.classpath} classpath, the staging directory, the maximum number
 * of attempts and the AM's {@link AmRole} (deploy mode) in the environment, {@link
 * ApplicationMasterMain} with the AM's heap (the driver's in cluster mode) and extra JVM options as
 * the command, and the RPC secret in the container's credentials. Stateless.
 */
final class AmLaunchContext {
  private AmLaunchContext() {}

  /**
   * Parses {@code ember.yarn.am.extraJavaOptions}.
   *
   * @param clientMode whether the AM only negotiates executors (its heap is then {@code
   *     ember.yarn.am.memory}) or also runs the driver ({@code ember.driver.memory})
   * @throws ConfigException if an option sets the heap ({@code -Xmx}/{@code -Xms})
   */
  static List<String> extraJavaOptions(EmberConf conf, boolean clientMode) {
    return LaunchContexts.extraJavaOptions(
        conf,
        YarnOptions.AM_EXTRA_JAVA_OPTIONS,
        clientMode
            ? "the ApplicationMaster's heap with " + YarnOptions.AM_MEMORY.key()
            : "the driver's heap (the ApplicationMaster's in cluster deploy mode) with "
                + YarnOptions.DRIVER_MEMORY.key()
                + " (--driver-memory)");
  }

  /**
   * {@code resources} plus {@link StagingLayout#EXECUTOR_RESOURCES_FILE}, written to {@code
   * stagingDir} with {@code resources} (the executors' local resources are the AM's): the AM reads
   * it from its working directory instead of opening the staging directory's FileSystem and listing
   * it before its first executor starts (about a second of HDFS client start-up on a busy host).
   *
   * @throws IOException if the file cannot be written
   */
  static Map<String, LocalResource> withExecutorResources(
      FileSystem fs, Path stagingDir, Map<String, LocalResource> resources) throws IOException {
    Path file = new Path(stagingDir, StagingLayout.EXECUTOR_RESOURCES_FILE);
    try (Writer out = new OutputStreamWriter(fs.create(file, true), StandardCharsets.UTF_8)) {
      new ResourceManifest(resources).writeTo(out);
    }
    Map<String, LocalResource> withFile = new HashMap<>(resources);
    withFile.put(
        StagingLayout.EXECUTOR_RESOURCES_FILE,
        LaunchContexts.localResource(fs.getFileStatus(file)));
    return withFile;
  }

  /**
   * @param extraJavaOptions {@code ember.yarn.am.extraJavaOptions}, parsed by {@link
   *     #extraJavaOptions}
   * @throws IOException if the staging directory cannot be listed, the executors' resources written
   *     or the credentials serialized
   */
  static ContainerLaunchContext build(
      Configuration hadoopConf,
      FileSystem fs,
      Path stagingDir,
      ContainerSize driver,
      List<String> extraJavaOptions,
      int maxAttempts,
      byte[] secret,
      AmRole role)
      throws IOException {
    Map<String, String> env = new HashMap<>(LaunchContexts.classpathEnvironment(hadoopConf));
    env.put(StagingLayout.STAGING_DIR_ENV, stagingDir.toString());
    env.put(AmRole.ENV, role.name());
    env.put(StagingLayout.MAX_ATTEMPTS_ENV, Integer.toString(maxAttempts));
    List<String> command = LaunchContexts.javaCommand(driver.heapMiB(), extraJavaOptions);
    command.add(ApplicationMasterMain.class.getName());
    command.addAll(LaunchContexts.logRedirects());
    return ContainerLaunchContext.newInstance(
        withExecutorResources(fs, stagingDir, LaunchContexts.stagedResources(fs, stagingDir)),
        env,
        List.of(String.join(" ", command)),
        null,
        SecretCredentials.tokens(new Credentials(), secret),
        null);
  }
}
