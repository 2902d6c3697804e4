package dev.ember.scheduler;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Optional;

/**
 * Where a task would like to run: a host (e.g. one holding an HDFS block of its split), or a
 * specific executor holding its partition in cache (which is also on a host), optionally with the
 * host's rack as the data source knows it (HDFS reports the topology path of every replica).
 *
 * <p>A location without a rack is still rack-aware: the task scheduler looks the host's rack up
 * through Hadoop's topology mapping ({@link RackResolver}), as Spark's {@code getRackForHost}.
 *
 * @param host the host name, as the cluster manager names nodes
 * @param executorId the executor caching the partition, or empty for host-level preference
 * @param rack the host's rack, e.g. {@code /dc1/rack7}, or empty when the source does not know it
 */
public record TaskLocation(String host, Optional<String> executorId, Optional<String> rack)
    implements Serializable {
  public TaskLocation {
    requireNonNull(host, "host is null");
    requireNonNull(executorId, "executorId is null");
    requireNonNull(rack, "rack is null");
  }

  /** A preference for any executor on {@code host} (NODE_LOCAL). */
  public static TaskLocation host(String host) {
    return new TaskLocation(host, Optional.empty(), Optional.empty());
  }

  /** A preference for any executor on {@code host}, which is on {@code rack} (NODE_LOCAL). */
  public static TaskLocation host(String host, String rack) {
    return new TaskLocation(host, Optional.empty(), Optional.of(rack));
  }

  /** A preference for one executor's cached copy (PROCESS_LOCAL). */
  public static TaskLocation executor(String host, String executorId) {
    return new TaskLocation(host, Optional.of(executorId), Optional.empty());
  }
}
