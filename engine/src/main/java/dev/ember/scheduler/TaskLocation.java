package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Optional;

/**
 * Where a task would like to run: a host (e.g. one holding an HDFS block of its split), or a
 * specific executor holding its partition in cache (which is also on a host).
 *
 * @param host the host name, as the cluster manager names nodes
 * @param executorId the executor caching the partition, or empty for host-level preference
 */
public record TaskLocation(String host, Optional<String> executorId) implements Serializable {
  public TaskLocation {
    requireNonNull(host, "host is null");
    requireNonNull(executorId, "executorId is null");
  }

  /** A preference for any executor on {@code host} (NODE_LOCAL). */
  public static TaskLocation host(String host) {
    return new TaskLocation(host, Optional.empty());
  }

  /** A preference for one executor's cached copy (PROCESS_LOCAL). */
  public static TaskLocation executor(String host, String executorId) {
    return new TaskLocation(host, Optional.of(executorId));
  }
}
