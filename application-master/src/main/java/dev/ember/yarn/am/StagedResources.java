package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.LocalResource;

/**
 * The executor containers' local resources ({@link LaunchContexts#stagedResources}), read from the
 * application's staging directory on a background thread while the ApplicationMaster starts its
 * YARN clients and registers. Opening the staging directory's FileSystem (for HDFS: the client's
 * classes, its protobuf protocol and the UGI login) and listing it took more than a second of the
 * AM's start-up on a busy 2-core machine, and nothing needs the result before the first executor
 * container is launched, which is after the driver's RPC server is up.
 *
 * <p>Failure: if the directory cannot be opened, listed or its manifest read, {@link #whenRead}
 * completes exceptionally with an {@link UncheckedIOException} naming the directory; the AM's main
 * thread notices through {@link #awaitAlongside} (or {@link #await}) and fails the attempt, as it
 * did when it read the directory before registering. Containers waiting for the resources are then
 * never started.
 *
 * <p>Thread-safe: the reading thread completes the futures; any thread may wait on them.
 */
final class StagedResources {
  private final CompletableFuture<FileSystem> fileSystem;
  private final CompletableFuture<Map<String, LocalResource>> resources;

  StagedResources(
      CompletableFuture<FileSystem> fileSystem,
      CompletableFuture<Map<String, LocalResource>> resources) {
    this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
    this.resources = requireNonNull(resources, "resources is null");
  }

  /** Resources known already (tests, and callers without a staging directory). */
  static StagedResources of(Map<String, LocalResource> resources) {
    return new StagedResources(
        CompletableFuture.failedFuture(new IOException("no staging directory")),
        CompletableFuture.completedFuture(Map.copyOf(resources)));
  }

  /**
   * Starts reading {@code stagingDir} on a new daemon thread named {@code ember-staging-reader} and
   * returns at once.
   *
   * @param conf the Hadoop configuration of the staging directory's FileSystem; only read
   */
  static StagedResources readInBackground(Path stagingDir, Configuration conf) {
    CompletableFuture<FileSystem> fs = new CompletableFuture<>();
    CompletableFuture<Map<String, LocalResource>> resources = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                FileSystem opened = stagingDir.getFileSystem(conf);
                fs.complete(opened);
                resources.complete(Map.copyOf(LaunchContexts.stagedResources(opened, stagingDir)));
              } catch (IOException | RuntimeException | Error e) {
                UncheckedIOException failure = failure(stagingDir, e);
                fs.completeExceptionally(failure);
                resources.completeExceptionally(failure);
              }
            },
            "ember-staging-reader");
    reader.setDaemon(true);
    reader.start();
    return new StagedResources(fs, resources);
  }

  private static UncheckedIOException failure(Path stagingDir, Throwable cause) {
    IOException io = cause instanceof IOException e ? e : new IOException(cause);
    return new UncheckedIOException(
        "cannot read the application's staging directory "
            + stagingDir
            + " (the executors' jars and files): "
            + cause
            + "; check that it exists and that the application's user can read it, or resubmit"
            + " with ember-submit",
        io);
  }

  /**
   * Calls {@code action} with the resources once they are read: at once on the calling thread if
   * they are, else later on the reading thread. Not called if they cannot be read (the attempt
   * fails then).
   */
  void whenRead(Consumer<Map<String, LocalResource>> action) {
    var unused = resources.thenAccept(action);
  }

  /** Whether reading failed (for logs and tests); false while it runs. */
  boolean failed() {
    return resources.isCompletedExceptionally();
  }

  /**
   * Waits for the resources.
   *
   * @throws UncheckedIOException naming the staging directory if they cannot be read
   */
  Map<String, LocalResource> await() throws InterruptedException {
    return get(resources);
  }

  /**
   * The staging directory's FileSystem, waiting until it is open; empty if it could not be opened
   * (the failure was reported through {@link #await} or {@link #awaitAlongside}).
   */
  Optional<FileSystem> fileSystem() throws InterruptedException {
    try {
      return Optional.of(get(fileSystem));
    } catch (UncheckedIOException e) {
      return Optional.empty();
    }
  }

  /**
   * Waits for {@code work} (the user's main) and returns its result, but gives up as soon as the
   * resources cannot be read: without them no executor can start, and the driver would wait for
   * executors forever.
   *
   * @throws UncheckedIOException naming the staging directory if the resources cannot be read
   *     before {@code work} ends
   */
  <T> T awaitAlongside(CompletableFuture<T> work) throws InterruptedException {
    try {
      var unused = CompletableFuture.anyOf(work, resources).get();
    } catch (ExecutionException e) {
      if (!work.isDone()) {
        var unused = get(resources); // throws the reading failure
      }
    }
    return work.join();
  }

  private static <T> T get(CompletableFuture<T> future) throws InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException | CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u;
      }
      throw new UncheckedIOException(new IOException(e.getCause()));
    } catch (CancellationException e) {
      throw new UncheckedIOException(new IOException("reading the staged resources was cancelled"));
    }
  }
}
