package dev.ember.io;

import static java.util.Objects.requireNonNull;

/**
 * The input of a file source cannot be listed as asked: a path that does not exist, a glob that
 * matches no file, or a subdirectory where only files are read. A user error: it is thrown on the
 * driver, before any task runs, and names the path and what to do.
 */
public final class InputPathException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String path;

  InputPathException(String path, String message, Throwable cause) {
    super(message, cause);
    this.path = requireNonNull(path, "path is null");
  }

  /** The input path (file, directory, glob or comma-separated list) as the caller gave it. */
  public String path() {
    return path;
  }
}
