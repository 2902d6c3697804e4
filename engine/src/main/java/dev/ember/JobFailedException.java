package dev.ember;

/**
 * An action's job failed. The message names the job, the stage and the task (partition) that failed
 * and how often; {@link #getCause()} is the exception the task threw (the user's own exception when
 * user code failed), or a serialization or fetch error.
 */
public final class JobFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public JobFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
