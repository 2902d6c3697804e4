package dev.ember.yarn.client;

import static java.util.Objects.requireNonNull;

import com.google.common.net.HostAndPort;
import dev.ember.conf.CoreOptions;
import dev.ember.conf.EmberConf;
import dev.ember.rpc.RpcSecret;
import dev.ember.yarn.am.AppSpec;
import dev.ember.yarn.am.ApplicationMasterClient;
import dev.ember.yarn.am.ClientModeRuntime;
import dev.ember.yarn.am.YarnOptions;
import io.grpc.StatusRuntimeException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;

/**
 * Client deploy mode after submission (Spark's client mode): waits until the ApplicationMaster is
 * RUNNING, connects to it at the host and RPC port of the application report, runs the user's main
 * in this JVM on a thread named {@code driver} ({@link LocalRunner}, with {@code
 * ember.master=yarn}) while a {@link ClientModeRuntime} gives the driver's YARN cluster manager the
 * AM and the secret, then tells the AM to finish with main's outcome and waits for the
 * application's final report. If the AM is lost while main runs (the application was killed or
 * failed), the driver thread is interrupted and the outcome is the ResourceManager's. Called on
 * ember-submit's main thread, which it blocks until the end.
 */
final class ClientModeSubmission {
  /** Maximum length of the diagnostics sent to the ResourceManager. */
  static final int MAX_DIAGNOSTICS = 4096;

  private static final Duration DRIVER_STOP_WAIT = Duration.ofSeconds(10);

  private final ApplicationMonitor monitor;
  private final ApplicationId appId;
  private final LocalRunner runner;
  private final EmberConf conf;
  private final byte[] secret;
  private final PrintStream out;
  private final PrintStream err;

  /**
   * @param monitor polls the application's report
   * @param runner runs the user's main (its configuration has {@code ember.master=yarn})
   * @param conf the application's configuration
   * @param secret the application's RPC secret, shipped to the AM in its credentials
   */
  ClientModeSubmission(
      ApplicationMonitor monitor,
      ApplicationId appId,
      LocalRunner runner,
      EmberConf conf,
      byte[] secret,
      PrintStream out,
      PrintStream err) {
    this.monitor = requireNonNull(monitor, "monitor is null");
    this.appId = requireNonNull(appId, "appId is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.conf = requireNonNull(conf, "conf is null");
    this.secret = secret.clone();
    this.out = requireNonNull(out, "out is null");
    this.err = requireNonNull(err, "err is null");
  }

  /**
   * The runner of the user's main in this JVM with {@code ember.master=yarn}, checked before
   * anything is submitted; warns that {@code --driver-memory} cannot resize this running JVM.
   *
   * @throws SubmitException with {@link ExitCodes#USAGE_ERROR} if the main class cannot be loaded
   *     from the jar or has no {@code public static void main(String[])}
   */
  static LocalRunner driverRunner(
      java.nio.file.Path appJar,
      AppSpec app,
      EmberConf conf,
      Optional<String> driverMemory,
      PrintStream err)
      throws SubmitException {
    LocalRunner runner =
        new LocalRunner(appJar, app, conf.with(CoreOptions.MASTER.key(), "yarn"), err);
    runner.checkMain();
    driverMemory.ifPresent(
        m ->
            err.println(
                "ember-submit: --driver-memory "
                    + m
                    + " has no effect in client deploy mode: the driver runs in this JVM;"
                    + " set its heap with EMBER_SUBMIT_JAVA_OPTS=-Xmx"
                    + m));
    return runner;
  }

  /**
   * Runs the application's driver here and its executors on YARN.
   *
   * @return the exit code for the application's final state ({@link ExitCodes})
   * @throws SubmitException {@link ExitCodes#USAGE_ERROR} if the main class cannot be loaded,
   *     {@link ExitCodes#LOST_CONTACT} if the ResourceManager cannot be reached
   */
  int run() throws SubmitException, InterruptedException {
    ApplicationReport report = monitor.awaitRunning(appId);
    if (report.getYarnApplicationState() != YarnApplicationState.RUNNING) {
      return monitor.await(appId); // Ended before its AM registered: print why.
    }
    String amAddress = HostAndPort.fromParts(report.getHost(), report.getRpcPort()).toString();
    out.println("ApplicationMaster at " + amAddress + "; running the driver in this process");
    Duration timeout = conf.get(YarnOptions.AM_DRIVER_TIMEOUT);
    try (ApplicationMasterClient am =
        ApplicationMasterClient.connect(amAddress, RpcSecret.of(secret), timeout.dividedBy(4))) {
      ClientModeRuntime runtime =
          new ClientModeRuntime(
              am,
              secret,
              conf.get(YarnOptions.EXECUTOR_INSTANCES),
              conf.get(YarnOptions.EXECUTOR_CORES));
      ClientModeRuntime.install(runtime);
      try {
        DriverEnd end = runDriver(am);
        if (end.amLost()) {
          return monitor.await(appId);
        }
        finish(am, end.failure());
      } finally {
        ClientModeRuntime.uninstall(runtime);
      }
    }
    return monitor.await(appId);
  }

  /**
   * How the driver's run ended.
   *
   * @param amLost whether the AM was lost before main ended (the application ended without it)
   * @param failure what main threw, empty if it returned (or if the AM was lost)
   */
  private record DriverEnd(boolean amLost, Optional<String> failure) {}

  /** Runs main on a driver thread until it ends or the AM is lost. */
  private DriverEnd runDriver(ApplicationMasterClient am)
      throws SubmitException, InterruptedException {
    CompletableFuture<Optional<String>> main = new CompletableFuture<>();
    Thread driver =
        new Thread(
            () -> {
              try {
                main.complete(runner.runMain());
              } catch (SubmitException | RuntimeException | Error e) {
                main.completeExceptionally(e);
              }
            },
            "driver");
    // A driver that ignores interruption must not keep ember-submit alive after the app ended.
    driver.setDaemon(true);
    driver.start();
    try {
      var unused = CompletableFuture.anyOf(main, am.lost()).get();
    } catch (ExecutionException e) {
      // main threw SubmitException or a Throwable outside of the user's code; handled below.
    } catch (InterruptedException e) {
      driver.interrupt();
      throw e;
    }
    if (!main.isDone()) {
      err.println(
          "ember-submit: "
              + am.lost().getNow("the ApplicationMaster was lost")
              + "; the application ended while its driver ran here; stopping the driver");
      driver.interrupt();
      // A well-behaved main ends when interrupted, restoring the system properties it was given.
      driver.join(DRIVER_STOP_WAIT.toMillis());
      return new DriverEnd(true, Optional.empty());
    }
    try {
      return new DriverEnd(false, main.get());
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SubmitException s) {
        tellFinished(am, false, s.getMessage());
        throw s;
      }
      return new DriverEnd(
          false, Optional.of("ember-submit could not run the driver: " + e.getCause()));
    }
  }

  private void finish(ApplicationMasterClient am, Optional<String> failure) {
    failure.ifPresent(f -> err.println("ember-submit: " + f));
    tellFinished(am, failure.isEmpty(), failure.orElse(""));
  }

  private void tellFinished(ApplicationMasterClient am, boolean succeeded, String diagnostics) {
    try {
      am.finish(succeeded, truncate(diagnostics));
    } catch (StatusRuntimeException e) {
      err.println(
          "ember-submit: cannot tell the ApplicationMaster that the driver ended ("
              + e.getStatus()
              + "); it will unregister FAILED when it notices the driver is gone");
    }
  }

  static String truncate(String text) {
    return text.length() <= MAX_DIAGNOSTICS ? text : text.substring(0, MAX_DIAGNOSTICS - 3) + "...";
  }
}
