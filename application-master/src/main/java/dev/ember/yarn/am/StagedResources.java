package dev.ember.yarn.am;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.yarn.api.records.LocalResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor containers' local resources ({@link LaunchContexts#stagedResources}) and the staging
 * directory's FileSystem, kept out of the ApplicationMaster's start-up: opening that FileSystem
 * (for HDFS: the client's classes, its protobuf protocol, a NameNode proxy) and listing the
 * directory took one to several seconds between the AM's JVM start and its registration on a busy
 * 2-core host, and nothing needs them before the first executor container is launched, after the
 * driver's RPC server is up. Two ways:
 *
 * <ul>
 *   <li>{@link #fromList}: ember-submit wrote the resources to {@link
 *       StagingLayout#EXECUTOR_RESOURCES_FILE}, localized into the AM's working directory; the
 *       FileSystem (only needed to delete the directory at the end) is opened in the background
 *       once the first executor container has started. If it cannot be opened, that is logged and
 *       the directory is left for ember-submit to delete.
 *   <li>{@link #readInBackground} (an ember-submit that wrote no list): the directory is opened and
 *       listed on a background thread while the AM starts its YARN clients and registers.
 * </ul>
 *
 * <p>Failure: if the resources cannot be read, the futures complete exceptionally with an {@link
 * UncheckedIOException} naming the directory and what to do; the AM's main thread notices through
 * {@link #awaitAlongside} (or {@link #await}) and fails the attempt, as it did when it read the
 * directory before registering. Containers waiting for the resources are then never started.
 *
 * <p>Thread-safe: background threads complete the futures; any thread may wait on them.
 */
final class StagedResources {
  private static final Logger LOG = LoggerFactory.getLogger(StagedResources.class);

  private final CompletableFuture<FileSystem> fileSystem;
  private final CompletableFuture<Map<String, LocalResource>> resources;
  private final Runnable openFileSystem;

  StagedResources(
      CompletableFuture<FileSystem> fileSystem,
      CompletableFuture<Map<String, LocalResource>> resources) {
    this(fileSystem, resources, () -> {});
  }

  /**
   * @param openFileSystem starts opening the FileSystem that {@code fileSystem} completes with, if
   *     that is not under way yet; called on the first use of either; idempotent
   */
  private StagedResources(
      CompletableFuture<FileSystem> fileSystem,
      CompletableFuture<Map<String, LocalResource>> resources,
      Runnable openFileSystem) {
    this.fileSystem = requireNonNull(fileSystem, "fileSystem is null");
    this.resources = requireNonNull(resources, "resources is null");
    this.openFileSystem = requireNonNull(openFileSystem, "openFileSystem is null");
  }

  /**
   * The resources listed by ember-submit in {@code list} ({@link
   * StagingLayout#EXECUTOR_RESOURCES_FILE} in the AM's working directory), read now from local
   * disk; the staging directory's FileSystem, needed only to delete the directory at the end, is
   * opened on a daemon thread ({@code ember-staging-fs}) once the first executor container has
   * started ({@link #prefetchFileSystem}) or {@link #fileSystem} is asked for, so that the HDFS
   * client's start-up stays out of the AM's way until the executors are launched.
   *
   * @throws IOException if {@code list} cannot be read or is malformed (naming it)
   */
  static StagedResources fromList(java.nio.file.Path list, Path stagingDir, Configuration conf)
      throws IOException {
    Map<String, LocalResource> listed;
    try (Reader in = Files.newBufferedReader(list, StandardCharsets.UTF_8)) {
      listed = ResourceManifest.readFrom(in).resources();
    } catch (IOException e) {
      throw new IOException(
          "cannot read the executors' resources from " + list + ": " + e.getMessage(), e);
    }
    CompletableFuture<FileSystem> fs = new CompletableFuture<>();
    AtomicBoolean opening = new AtomicBoolean();
    Runnable open =
        () -> {
          if (opening.compareAndSet(false, true)) {
            Thread opener =
                new Thread(
                    () -> {
                      try {
                        FileSystem opened = stagingDir.getFileSystem(conf);
                        warmUp(opened, stagingDir);
                        fs.complete(opened);
                      } catch (IOException | RuntimeException | Error e) {
                        LOG.warn(
                            "Cannot open the FileSystem of the staging directory {}; ember-submit"
                                + " will delete it",
                            stagingDir,
                            e);
                        fs.completeExceptionally(failure(stagingDir, e));
                      }
                    },
                    "ember-staging-fs");
            opener.setDaemon(true);
            opener.start();
          }
        };
    return new StagedResources(fs, CompletableFuture.completedFuture(Map.copyOf(listed)), open);
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

  /**
   * One call to the staging directory's FileSystem, so that the connection (for HDFS: to the
   * NameNode) and its RPC code are ready when the AM deletes the directory at the end; without it
   * the first call, the delete, took 0.3-0.6 s longer on the AM's way out.
   */
  private static void warmUp(FileSystem fs, Path stagingDir) {
    try {
      var unused = fs.getFileStatus(stagingDir);
    } catch (IOException e) {
      LOG.warn("Cannot read the staging directory {}: {}", stagingDir, e.toString());
    }
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

  /**
   * Starts opening the staging directory's FileSystem in the background unless that is under way
   * ({@link #fromList}). Called when an executor container has started: opening it earlier slowed
   * the NodeManager calls that start the containers (class loading on the same cores). With the
   * driver executor, also right after the AM registers: a short job may end before any container
   * starts, and the clean-up would then wait for the whole opening.
   */
  void prefetchFileSystem() {
    openFileSystem.run();
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
    openFileSystem.run();
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
