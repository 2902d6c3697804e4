package dev.ember.executor;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableList;
import java.nio.file.Path;
import java.util.List;

/**
 * Who an executor is and what it may use, whether it runs as its own process ({@link ExecutorArgs}
 * adds where its RPC secret is) or inside the driver's JVM ({@link InProcessExecutor}).
 *
 * @param driverAddress the driver's RPC server, {@code host:port}
 * @param executorId this executor's id, unique in the application
 * @param host the host name this executor binds its server to and advertises
 * @param cores number of task threads, at least 1
 * @param memoryBudgetBytes memory for execution and storage ({@code ember.memory.budget}), bytes
 * @param localDirs parents of this executor's scratch directories, at least one
 */
public record ExecutorSpec(
    String driverAddress,
    String executorId,
    String host,
    int cores,
    long memoryBudgetBytes,
    List<Path> localDirs) {
  /**
   * @throws IllegalArgumentException if {@code cores} is below 1 or {@code localDirs} is empty
   */
  public ExecutorSpec {
    requireNonNull(driverAddress, "driverAddress is null");
    requireNonNull(executorId, "executorId is null");
    requireNonNull(host, "host is null");
    localDirs = ImmutableList.copyOf(localDirs);
    if (cores < 1) {
      throw new IllegalArgumentException("--cores must be at least 1, was " + cores);
    }
    if (localDirs.isEmpty()) {
      throw new IllegalArgumentException("--local-dirs names no directory");
    }
  }
}
