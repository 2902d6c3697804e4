package dev.ember.yarn.client;

import dev.ember.conf.ConfigException;
import dev.ember.conf.EmberConf;
import dev.ember.yarn.am.AmRole;
import dev.ember.yarn.am.ApplicationMasterMain;
import dev.ember.yarn.am.ContainerSize;
import dev.ember.yarn.am.LaunchContexts;
import dev.ember.yarn.am.SecretCredentials;
import dev.ember.yarn.am.StagingLayout;
import dev.ember.yarn.am.YarnOptions;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.Credentials;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;

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
   * @param extraJavaOptions {@code ember.yarn.am.extraJavaOptions}, parsed by {@link
   *     #extraJavaOptions}
   * @throws IOException if the staging directory cannot be listed or the credentials serialized
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
        LaunchContexts.stagedResources(fs, stagingDir),
        env,
        List.of(String.join(" ", command)),
        null,
        SecretCredentials.tokens(new Credentials(), secret),
        null);
  }
}
