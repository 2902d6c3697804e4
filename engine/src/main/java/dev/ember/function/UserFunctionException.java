package dev.ember.function;

/**
 * A user function (one of the serializable functions of this package) threw a checked exception.
 * Engine code that calls such a function on a task thread wraps checked exceptions in this one so
 * they travel up as the task attempt's failure; unchecked exceptions and errors pass through
 * unwrapped. The cause is the user's exception, and it is what a failure report should show.
 */
public class UserFunctionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param function what was being called, e.g. {@code "mergeValue"}
   * @param cause the checked exception the user function threw
   */
  public UserFunctionException(String function, Exception cause) {
    super("user function " + function + " failed: " + cause, cause);
  }
}
