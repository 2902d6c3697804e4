package dev.ember.yarn.client;

/**
 * A failure of {@code ember-submit} with the exit code of its class ({@link ExitCodes}); the
 * message is printed as is and names the flag, path or key involved and what to do.
 */
public final class SubmitException extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  SubmitException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  SubmitException(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** The exit code, one of {@link ExitCodes}. */
  public int exitCode() {
    return exitCode;
  }
}
