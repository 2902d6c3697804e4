package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import dev.ember.conf.EmberConf;
import dev.ember.yarn.am.AppSpec;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code --master local}, {@code local[N]}, {@code local[*]} and {@code --master yarn --deploy-mode
 * client}: runs the application's main class from its jar in this JVM, as spark-submit does for a
 * local master or client deploy mode. The jar gets a {@link URLClassLoader} whose parent is the
 * loader of Ember itself (so the application sees the same engine and Hadoop classes), and the
 * options ({@code --conf} values, flags and {@code ember.master}) become {@code ember.*} system
 * properties for the duration of {@code main}, as the ApplicationMaster provides them in cluster
 * mode. Called on ember-submit's main thread, which runs {@code main}; the previous values of those
 * system properties are restored afterwards.
 */
final class LocalRunner {
  /** The master URLs this runner accepts: {@code local}, {@code local[N]}, {@code local[*]}. */
  static final Pattern LOCAL_MASTER = Pattern.compile("local(\\[([0-9]+|\\*)])?");

  private final Path appJar;
  private final AppSpec app;
  private final EmberConf conf;
  private final PrintStream err;

  LocalRunner(Path appJar, AppSpec app, EmberConf conf, PrintStream err) {
    this.appJar = requireNonNull(appJar, "appJar is null");
    this.app = requireNonNull(app, "app is null");
    this.conf = requireNonNull(conf, "conf is null");
    this.err = requireNonNull(err, "err is null");
  }

  static boolean isLocal(String master) {
    return LOCAL_MASTER.matcher(master).matches();
  }

  /**
   * Runs main to completion.
   *
   * @return {@link ExitCodes#SUCCESS} if main returned normally, {@link
   *     ExitCodes#APPLICATION_FAILED} (after printing what it threw) if it threw
   * @throws SubmitException with {@link ExitCodes#USAGE_ERROR} if the main class cannot be loaded
   *     from the jar or has no {@code public static void main(String[])}
   */
  int run() throws SubmitException {
    Optional<String> failure = runMain();
    if (failure.isPresent()) {
      err.println("ember-submit: " + failure.get());
      return ExitCodes.APPLICATION_FAILED;
    }
    return ExitCodes.SUCCESS;
  }

  /**
   * Runs main to completion on the calling thread (client deploy mode calls it on its driver
   * thread).
   *
   * @return empty if main returned normally, else what it threw (the exception and its root cause,
   *     without a stack trace)
   * @throws SubmitException as {@link #run}
   */
  Optional<String> runMain() throws SubmitException {
    URL jarUrl = jarUrl();
    ClassLoader parent = LocalRunner.class.getClassLoader();
    Thread thread = Thread.currentThread();
    ClassLoader previousLoader = thread.getContextClassLoader();
    Map<String, Optional<String>> previousProperties = new HashMap<>();
    URLClassLoader loader = new URLClassLoader(new URL[] {jarUrl}, parent);
    try {
      Method main = mainMethod(loader);
      conf.asMap()
          .forEach(
              (key, value) -> {
                previousProperties.put(key, Optional.ofNullable(System.getProperty(key)));
                System.setProperty(key, value);
              });
      thread.setContextClassLoader(loader);
      try {
        main.invoke(null, (Object) app.args().toArray(String[]::new));
        return Optional.empty();
      } catch (InvocationTargetException e) {
        return Optional.of(describe(e.getCause()));
      } catch (IllegalAccessException e) {
        throw new SubmitException(
            ExitCodes.USAGE_ERROR, app.mainClass() + ".main(String[]) is not accessible: " + e, e);
      }
    } finally {
      thread.setContextClassLoader(previousLoader);
      closeQuietly(loader);
      previousProperties.forEach(
          (key, value) -> {
            if (value.isPresent()) {
              System.setProperty(key, value.get());
            } else {
              System.clearProperty(key);
            }
          });
    }
  }

  /**
   * Checks that the main class loads from the jar and has a {@code public static void
   * main(String[])}, without initializing or running it (client deploy mode checks this before it
   * submits anything).
   *
   * @throws SubmitException as {@link #run}
   */
  void checkMain() throws SubmitException {
    URLClassLoader loader =
        new URLClassLoader(new URL[] {jarUrl()}, LocalRunner.class.getClassLoader());
    try {
      var unused = mainMethod(loader);
    } finally {
      closeQuietly(loader);
    }
  }

  private URL jarUrl() throws SubmitException {
    try {
      return appJar.toUri().toURL();
    } catch (IOException e) {
      throw new SubmitException(
          ExitCodes.USAGE_ERROR, "cannot read the application jar " + appJar + ": " + e, e);
    }
  }

  private static void closeQuietly(URLClassLoader loader) {
    try {
      loader.close();
    } catch (IOException e) {
      // The application's outcome is already decided; a jar that cannot be closed changes nothing.
    }
  }

  private Method mainMethod(ClassLoader loader) throws SubmitException {
    Class<?> mainClass;
    try {
      mainClass = Class.forName(app.mainClass(), false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new SubmitException(
          ExitCodes.USAGE_ERROR,
          "--class "
              + app.mainClass()
              + ": cannot load it from "
              + appJar
              + " or Ember's classpath ("
              + e
              + "); check the class name and the jar",
          e);
    }
    try {
      Method main = mainClass.getMethod("main", String[].class);
      if (Modifier.isStatic(main.getModifiers())) {
        return main;
      }
    } catch (NoSuchMethodException e) {
      // reported below
    }
    throw new SubmitException(
        ExitCodes.USAGE_ERROR,
        "--class " + app.mainClass() + " has no public static void main(String[] args)");
  }

  /** What main threw: the exception and, when different, its root cause, without a stack trace. */
  private String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = app.mainClass() + " failed: " + t;
    return root == t ? text : text + "; root cause: " + root;
  }
}
