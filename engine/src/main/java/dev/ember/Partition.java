package dev.ember;

import java.io.Serializable;

/**
 * One partition of a {@link Dataset}: the unit of parallelism, computed by one task. Partitions are
 * computed on the driver when a job is planned and shipped to executors inside tasks, so they must
 * be small and serializable.
 */
public interface Partition extends Serializable {
  /** The partition's 0-based index within its dataset. */
  int index();
}
