package dev.ember.yarn.am;

import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.ApplicationConstants;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the application's staging directory from the ApplicationMaster once no later attempt can
 * need it: just before the AM unregisters (which ends the application, whatever its final status),
 * or when an attempt that could not unregister is the last one (Spark's ApplicationMaster keeps it
 * likewise for later attempts). ember-submit deletes it when the AM could not (killed, or failed
 * before this ran). Never touches the shared jar cache, which lies outside the staging directory.
 * Stateless; called on the AM's main thread.
 */
public final class StagingCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(StagingCleanup.class);

  private StagingCleanup() {}

  /**
   * Whether an attempt that ends without having unregistered (its exit lets YARN start another
   * attempt) should delete the staging directory: only the last one.
   */
  public static boolean isLastAttempt(int attemptId, int maxAttempts) {
    return attemptId >= maxAttempts;
  }

  /**
   * This container's attempt number (1 for the first) from {@code CONTAINER_ID}, or 1 if the
   * variable is missing.
   */
  static int attemptId(Map<String, String> env) {
    String id = env.get(ApplicationConstants.Environment.CONTAINER_ID.name());
    return id == null ? 1 : ContainerId.fromString(id).getApplicationAttemptId().getAttemptId();
  }

  /**
   * The application's maximum attempts as ember-submit set it ({@link
   * StagingLayout#MAX_ATTEMPTS_ENV}), else the cluster's {@code
   * yarn.resourcemanager.am.max-attempts}.
   */
  static int maxAttempts(Map<String, String> env, Configuration conf) {
    String value = env.get(StagingLayout.MAX_ATTEMPTS_ENV);
    if (value != null && !value.isBlank()) {
      return Integer.parseInt(value.strip());
    }
    return conf.getInt(
        YarnConfiguration.RM_AM_MAX_ATTEMPTS, YarnConfiguration.DEFAULT_RM_AM_MAX_ATTEMPTS);
  }

  /**
   * Just before the AM unregisters (SUCCEEDED or FAILED): unregistering ends the application and no
   * attempt follows, so the staging directory goes. A failure to delete is logged, not thrown:
   * ember-submit tries again when it sees the end.
   */
  static void beforeUnregister(FileSystem fs, Path stagingDir) {
    delete(fs, stagingDir);
  }

  /**
   * When the attempt fails without unregistering: deletes the staging directory only if this is the
   * last attempt, since YARN starts the next attempt from the same staged files.
   */
  static void afterAttemptFailure(
      FileSystem fs, Path stagingDir, Map<String, String> env, Configuration conf) {
    int attempt = attemptId(env);
    int max = maxAttempts(env, conf);
    if (isLastAttempt(attempt, max)) {
      delete(fs, stagingDir);
    } else {
      LOG.info("Keeping {} for attempt {} of {}", stagingDir, attempt + 1, max);
    }
  }

  private static void delete(FileSystem fs, Path stagingDir) {
    try {
      fs.delete(stagingDir, true);
      LOG.info("Deleted the staging directory {}", stagingDir);
    } catch (IOException e) {
      LOG.warn("Cannot delete the staging directory {}; ember-submit will try", stagingDir, e);
    }
  }
}
