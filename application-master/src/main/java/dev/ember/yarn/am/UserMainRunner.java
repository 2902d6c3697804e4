package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Runs the user's {@code public static void main(String[])} in a thread named {@code driver} with
 * the application's class loader, and reports how it ended (Spark's {@code
 * ApplicationMaster.startUserApplication}). Called once by the ApplicationMaster's main thread.
 */
final class UserMainRunner {
  /** Maximum length of the diagnostics sent to the ResourceManager. */
  static final int MAX_DIAGNOSTICS = 4096;

  private final AppSpec app;
  private final ClassLoader loader;

  UserMainRunner(AppSpec app, ClassLoader loader) {
    this.app = requireNonNull(app, "app is null");
    this.loader = requireNonNull(loader, "loader is null");
  }

  /**
   * Runs main to completion.
   *
   * @return empty if main returned normally, else the diagnostics: what it threw (the exception and
   *     its root cause), truncated to {@value #MAX_DIAGNOSTICS} characters
   */
  Optional<String> run() throws InterruptedException {
    try {
      return start().get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("the driver thread's outcome is never exceptional", e);
    }
  }

  /**
   * Starts main in the {@code driver} thread and returns at once.
   *
   * @return completed when main has ended, with what {@link #run} returns; never exceptionally
   */
  CompletableFuture<Optional<String>> start() {
    CompletableFuture<Optional<String>> outcome = new CompletableFuture<>();
    Thread driver =
        new Thread(
            () -> {
              Optional<String> failure = Optional.empty();
              try {
                mainMethod().invoke(null, (Object) app.args().toArray(String[]::new));
              } catch (InvocationTargetException e) {
                failure = Optional.of(describe("User class " + app.mainClass(), e.getCause()));
              } catch (ReflectiveOperationException | RuntimeException | Error e) {
                failure = Optional.of(describe("Cannot run " + app.mainClass(), e));
              } finally {
                outcome.complete(failure);
              }
            },
            "driver");
    driver.setContextClassLoader(loader);
    driver.start();
    return outcome;
  }

  private Method mainMethod() throws ReflectiveOperationException {
    Class<?> main = Class.forName(app.mainClass(), false, loader);
    Method method = main.getMethod("main", String[].class);
    if (!Modifier.isStatic(method.getModifiers())) {
      throw new NoSuchMethodException(app.mainClass() + ".main(String[]) is not static");
    }
    return method;
  }

  static String describe(String what, Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = what + " threw " + t;
    if (root != t) {
      text += "; root cause: " + root;
    }
    return text.length() <= MAX_DIAGNOSTICS ? text : text.substring(0, MAX_DIAGNOSTICS - 3) + "...";
  }
}
