package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.exceptions.ApplicationNotFoundException;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * {@code ember-submit --status <id>} and {@code --kill <id>} (spark-submit's flags of the same
 * names, answered by the ResourceManager as {@code yarn application -status/-kill} does). Called on
 * ember-submit's main thread with a started {@link YarnClient}.
 */
final class ApplicationControl {
  private final YarnClient yarn;
  private final Duration interval;
  private final PrintStream out;

  ApplicationControl(YarnClient yarn, Duration interval, PrintStream out) {
    this.yarn = requireNonNull(yarn, "yarn is null");
    this.interval = requireNonNull(interval, "interval is null");
    this.out = requireNonNull(out, "out is null");
  }

  /**
   * Parses an application id given to {@code flag}.
   *
   * @throws SubmitException with {@link ExitCodes#USAGE_ERROR} naming the flag and the expected
   *     form if {@code text} is not an application id
   */
  static ApplicationId parseId(String flag, String text) throws SubmitException {
    try {
      return ApplicationId.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new SubmitException(
          ExitCodes.USAGE_ERROR,
          flag
              + " "
              + text
              + ": not an application id; expected application_<clusterTimestamp>_<sequence>,"
              + " e.g. application_1700000000000_0001",
          e);
    }
  }

  /**
   * Prints the application's state, final status, tracking URL and diagnostics.
   *
   * @return {@link ExitCodes#SUCCESS}
   * @throws SubmitException {@link ExitCodes#USAGE_ERROR} if the ResourceManager does not know the
   *     application, {@link ExitCodes#LOST_CONTACT} if it cannot be reached
   */
  int status(ApplicationId appId) throws SubmitException {
    ApplicationReport report = report(appId);
    out.println("Application " + appId);
    out.println("State: " + report.getYarnApplicationState());
    out.println("Final status: " + report.getFinalApplicationStatus());
    out.println("Tracking URL: " + report.getTrackingUrl());
    out.println("Diagnostics: " + report.getDiagnostics());
    return ExitCodes.SUCCESS;
  }

  /**
   * Asks the ResourceManager to kill the application and waits until it is KILLED, printing its
   * final state. An application that had already ended is left as it is.
   *
   * @return {@link ExitCodes#SUCCESS} once the application is KILLED or if it had already ended
   * @throws SubmitException as {@link #status}
   */
  int kill(ApplicationId appId) throws SubmitException, InterruptedException {
    YarnApplicationState before = report(appId).getYarnApplicationState();
    if (ApplicationMonitor.isTerminal(before)) {
      out.println("Application " + appId + " had already ended: " + before + "; nothing to kill");
      return ExitCodes.SUCCESS;
    }
    out.println("Killing application " + appId);
    try {
      yarn.killApplication(appId);
    } catch (YarnException | IOException e) {
      throw failure(appId, e);
    }
    new ApplicationMonitor(yarn, interval, out).await(appId);
    return ExitCodes.SUCCESS;
  }

  private ApplicationReport report(ApplicationId appId) throws SubmitException {
    try {
      return yarn.getApplicationReport(appId);
    } catch (YarnException | IOException e) {
      throw failure(appId, e);
    }
  }

  private static SubmitException failure(ApplicationId appId, Exception e) {
    if (e instanceof ApplicationNotFoundException) {
      return new SubmitException(
          ExitCodes.USAGE_ERROR,
          "the ResourceManager does not know "
              + appId
              + " (a wrong id, another cluster, or an application older than the RM's history)",
          e);
    }
    return new SubmitException(
        ExitCodes.LOST_CONTACT,
        "cannot reach the ResourceManager about "
            + appId
            + ": "
            + e.getMessage()
            + "; check HADOOP_CONF_DIR / YARN_CONF_DIR and that the ResourceManager is up",
        e);
  }
}
