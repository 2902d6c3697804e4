package dev.ember.it;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The test side of failure injection on a {@link YarnTestCluster}: kills an executor's or the
 * ApplicationMaster's container by killing its JVM (the MiniYARNCluster's containers are processes
 * of this machine, found by their command line), reads the marker files that {@code
 * dev.ember.it.jobs.TaskFaults} leaves from inside tasks, and opens the gate tasks wait at. Task
 * attempt failures are injected on the job side ({@code TaskFaults.failAttempts}).
 *
 * <p>Killing the JVM (SIGKILL) is what a lost node or an OOM kill looks like to Ember: the
 * container completes with a non-zero exit status, its RPC connections drop, its shuffle files
 * become unreachable. Not thread-safe; one per test.
 */
final class FailureInjection {
  private static final String EXECUTOR_MAIN = "dev.ember.yarn.am.YarnExecutorMain";
  private static final String AM_MAIN = "dev.ember.yarn.am.ApplicationMasterMain";

  private final FileSystem fs;
  private final Path markers;

  /**
   * @param fs the cluster's file system
   * @param markers the marker directory the job writes to (also the gate's directory)
   */
  FailureInjection(FileSystem fs, Path markers) {
    this.fs = requireNonNull(fs, "fs is null");
    this.markers = requireNonNull(markers, "markers is null");
  }

  /** The JVM of executor {@code executorId} of application {@code appId}, if running. */
  static Optional<ProcessHandle> executorProcess(String appId, String executorId) {
    return containerProcess(appId, EXECUTOR_MAIN, "--executor-id " + executorId + " ");
  }

  /** The JVM of the ApplicationMaster of application {@code appId}, if running. */
  static Optional<ProcessHandle> applicationMasterProcess(String appId) {
    return containerProcess(appId, AM_MAIN, "");
  }

  private static Optional<ProcessHandle> containerProcess(
      String appId, String mainClass, String argument) {
    return ProcessHandle.allProcesses()
        .filter(
            p -> {
              String line = p.info().commandLine().orElse("");
              return line.contains(mainClass)
                  && line.contains(appId + "/")
                  && line.contains(argument);
            })
        .findFirst();
  }

  /**
   * Kills executor {@code executorId}'s JVM with SIGKILL and waits until it is gone.
   *
   * @throws AssertionError if no such process runs or it does not die within 30 s
   */
  static void killExecutor(String appId, String executorId) throws Exception {
    kill(
        executorProcess(appId, executorId)
            .orElseThrow(() -> new AssertionError("no executor " + executorId + " of " + appId)));
  }

  /**
   * Kills the ApplicationMaster's JVM (the driver's, in cluster mode) and waits until it is gone.
   */
  static void killApplicationMaster(String appId) throws Exception {
    kill(
        applicationMasterProcess(appId)
            .orElseThrow(() -> new AssertionError("no ApplicationMaster of " + appId)));
  }

  private static void kill(ProcessHandle process) throws Exception {
    if (!process.destroyForcibly()) {
      throw new AssertionError("cannot kill process " + process.pid());
    }
    var unused = process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
  }

  /** Opens the gate: creates {@code <markers>/go}. */
  void openGate() throws IOException {
    fs.create(new Path(markers, "go"), true).close();
  }

  /** Names of the marker files starting with {@code prefix}, sorted. */
  List<String> markers(String prefix) throws IOException {
    if (!fs.exists(markers)) {
      return List.of();
    }
    return Stream.of(fs.listStatus(markers))
        .map(FileStatus::getPath)
        .map(Path::getName)
        .filter(n -> n.startsWith(prefix))
        .sorted()
        .toList();
  }

  /** The executor id a marker name ends with ({@code ...-e<id>}). */
  static String executorOf(String marker) {
    return marker.substring(marker.lastIndexOf("-e") + 2);
  }

  /**
   * Polls {@code condition} every 100 ms until it holds.
   *
   * @param stillRunning false ends the wait early with a failure (e.g. the application ended)
   * @throws AssertionError with {@code what} after {@code timeout}
   */
  static void await(String what, Duration timeout, BooleanSupplier stillRunning, Check condition)
      throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.holds()) {
        return;
      }
      if (!stillRunning.getAsBoolean()) {
        throw new AssertionError("the application ended while waiting for " + what);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  /** A condition that may do I/O. */
  interface Check {
    boolean holds() throws Exception;
  }
}
