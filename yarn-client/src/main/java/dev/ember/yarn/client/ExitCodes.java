package dev.ember.yarn.client;

/**
 * The exit codes of {@code ember-submit}, stable for orchestrators (Airflow, Oozie); the table in
 * {@code docs/exit-codes.md} lists them.
 */
public final class ExitCodes {
  private ExitCodes() {}

  /** The application finished with final status SUCCEEDED. */
  public static final int SUCCESS = 0;

  /** The application ended FAILED (or FINISHED with final status FAILED). */
  public static final int APPLICATION_FAILED = 1;

  /** Bad command line or configuration: nothing was submitted. */
  public static final int USAGE_ERROR = 2;

  /** The application was KILLED. */
  public static final int APPLICATION_KILLED = 3;

  /**
   * The cluster refused the submission, or it was refused before submission because the cluster
   * cannot satisfy it (resources above the maximum allocation, queue, ACL).
   */
  public static final int SUBMISSION_REFUSED = 4;

  /** Contact with the ResourceManager was lost while submitting or waiting. */
  public static final int LOST_CONTACT = 5;

  /**
   * An application of the same user with the same {@code ember.yarn.submit.key} has not ended and
   * {@code ember.yarn.submit.ifRunning=fail}: nothing was submitted.
   */
  public static final int ALREADY_RUNNING = 6;

  /**
   * What {@code code} means, for messages: "success", "application FAILED", ... or "unknown exit
   * code" for a code not in this table.
   */
  public static String describe(int code) {
    switch (code) {
      case SUCCESS:
        return "success";
      case APPLICATION_FAILED:
        return "application FAILED";
      case USAGE_ERROR:
        return "usage or configuration error, nothing submitted";
      case APPLICATION_KILLED:
        return "application KILLED";
      case SUBMISSION_REFUSED:
        return "submission refused by the cluster";
      case LOST_CONTACT:
        return "lost contact with the cluster";
      case ALREADY_RUNNING:
        return "an application with the same submit key is running, nothing submitted";
      default:
        return "unknown exit code";
    }
  }
}
