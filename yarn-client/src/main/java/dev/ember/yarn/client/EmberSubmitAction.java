package dev.ember.yarn.client;

/**
 * A Java entry point to ember-submit for schedulers that run a main class inside their own JVM,
 * such as Oozie's {@code <java>} action, where {@code System.exit} would kill the launcher and turn
 * every outcome into an error.
 *
 * <p>{@link #run} returns ember-submit's exit code ({@link ExitCodes}); {@link #main} returns
 * normally on {@link ExitCodes#SUCCESS} and otherwise throws {@link EmberSubmitFailedException}
 * carrying the code, which Oozie reports as the action's error (its message names the code and its
 * meaning). Neither calls {@code System.exit}. The cluster is found as ember-submit finds it: the
 * Hadoop configuration on the classpath plus {@code HADOOP_CONF_DIR} / {@code YARN_CONF_DIR}.
 * Thread: the caller's, blocked until the application ends (unless {@code
 * ember.yarn.submit.waitAppCompletion=false}).
 */
public final class EmberSubmitAction {
  private EmberSubmitAction() {}

  /**
   * Runs ember-submit with spark-submit's flags.
   *
   * @param args the same arguments as the {@code ember-submit} command
   * @return one of {@link ExitCodes}
   */
  public static int run(String... args) {
    return EmberSubmit.run(
        args, EmberSubmit.clusterConfiguration(System.getenv()), System.out, System.err);
  }

  /**
   * Runs ember-submit and fails by exception rather than by exit code.
   *
   * @throws EmberSubmitFailedException if the exit code is not {@link ExitCodes#SUCCESS}
   */
  public static void main(String[] args) {
    int code = run(args);
    if (code != ExitCodes.SUCCESS) {
      throw new EmberSubmitFailedException(code);
    }
  }

  /** ember-submit ended with a non-zero exit code; {@link #exitCode()} tells which. */
  public static final class EmberSubmitFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    EmberSubmitFailedException(int exitCode) {
      super(
          "ember-submit exited with code " + exitCode + " (" + ExitCodes.describe(exitCode) + ")");
      this.exitCode = exitCode;
    }

    /** One of {@link ExitCodes}. */
    public int exitCode() {
      return exitCode;
    }
  }
}
