package dev.ember.executor;

import static java.util.Objects.requireNonNull;

import dev.ember.rpc.RpcSecret;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An executor running inside the driver's JVM, on its own daemon thread, that reaches the driver
 * over the same gRPC calls as an executor process (registration, heartbeats, status updates) and
 * serves its shuffle blocks and cached partitions to the other executors from its own RPC server.
 * Nothing in the scheduler treats it specially except what its launcher says about it; it exists so
 * that the ApplicationMaster can run the first tasks while the executor containers' JVMs start (see
 * {@code ember.yarn.driverExecutor.enabled}). It stops like any executor: when the driver asks it
 * to shut down or when its connection to the driver is lost. Thread-safe.
 */
public final class InProcessExecutor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InProcessExecutor.class);

  private final ExecutorProcess process;
  private final String executorId;
  private final CompletableFuture<Boolean> ended = new CompletableFuture<>();

  private InProcessExecutor(ExecutorProcess process, String executorId) {
    this.process = process;
    this.executorId = executorId;
  }

  /**
   * Starts the executor on a daemon thread named {@code executor-<id>}; it registers with the
   * driver at {@code spec.driverAddress()} asynchronously. A failure to start or to register is
   * logged (the driver then runs without it) and ends the thread.
   */
  public static InProcessExecutor start(ExecutorSpec spec, RpcSecret secret) {
    requireNonNull(secret, "secret is null");
    InProcessExecutor executor =
        new InProcessExecutor(new ExecutorProcess(spec, secret), spec.executorId());
    Thread thread = new Thread(executor::run, "executor-" + spec.executorId());
    thread.setDaemon(true);
    thread.start();
    return executor;
  }

  private void run() {
    try {
      ended.complete(process.run());
    } catch (IOException | RuntimeException e) {
      LOG.error("In-process executor {} failed; the driver runs without it", executorId, e);
      ended.complete(false);
    }
  }

  /**
   * Waits until the driver has accepted this executor's registration.
   *
   * @return true once registered; false if it ended first (failed or stopped) or {@code timeout}
   *     passed
   */
  public boolean awaitRegistered(Duration timeout) throws InterruptedException {
    try {
      var unused =
          CompletableFuture.anyOf(process.registered(), ended)
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
    return process.registered().isDone() && !process.registered().isCompletedExceptionally();
  }

  /**
   * Asks the executor to stop (if the driver has not already) and waits up to {@code timeout} for
   * its thread to finish its running tasks' reports and close its server.
   */
  public void stop(Duration timeout) {
    process.stop("its launcher stopped it");
    try {
      var unused = ended.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("In-process executor {} did not stop within {}", executorId, timeout);
    }
  }

  /** {@link #stop} with a 10 s wait. */
  @Override
  public void close() {
    stop(Duration.ofSeconds(10));
  }
}
