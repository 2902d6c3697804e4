package dev.ember.execution;

/**
 * Stands in for a task's exception that could not be serialized: keeps its class name, message and
 * stack trace (and those of its causes).
 */
public final class RemoteTaskException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String originalClassName;

  private RemoteTaskException(String originalClassName, String message, RemoteTaskException cause) {
    super(originalClassName + (message == null ? "" : ": " + message), cause);
    this.originalClassName = originalClassName;
  }

  /** A serializable copy of {@code t} and its causes. */
  public static RemoteTaskException of(Throwable t) {
    RemoteTaskException cause = t.getCause() == null || t.getCause() == t ? null : of(t.getCause());
    RemoteTaskException copy =
        new RemoteTaskException(t.getClass().getName(), t.getMessage(), cause);
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  /** The class name of the exception the task threw. */
  public String originalClassName() {
    return originalClassName;
  }
}
