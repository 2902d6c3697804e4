package dev.ember.conf;

/**
 * A configuration value is missing, malformed or unknown. The message names the key, the bad value
 * and the expected form; it is a user error (ember-submit maps it to its user-error exit code).
 */
public class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
