package dev.ember.yarn.am;

import dev.ember.conf.ConfigOption;
import dev.ember.conf.EmberConf;

/**
 * The memory of a JVM container as YARN accounts for it: heap + overhead, where the overhead
 * defaults to max(384 MiB, 10% of the heap) (Spark's {@code MEMORY_OVERHEAD_FACTOR} and {@code
 * MEMORY_OVERHEAD_MIN}). Immutable.
 *
 * @param heapMiB the {@code -Xmx} of the JVM, in MiB
 * @param overheadMiB memory beyond the heap (metaspace, thread stacks, direct buffers), in MiB
 */
public record ContainerSize(long heapMiB, long overheadMiB) {
  /** The minimum overhead, in MiB. */
  public static final long MIN_OVERHEAD_MIB = 384;

  public ContainerSize {
    if (heapMiB <= 0 || overheadMiB <= 0) {
      throw new IllegalArgumentException(
          "heap and overhead must be positive, got " + heapMiB + " and " + overheadMiB + " MiB");
    }
  }

  /**
   * The size for a heap option and an optional overhead option of {@code conf}.
   *
   * @throws dev.ember.conf.ConfigException if a value cannot be parsed
   */
  public static ContainerSize of(
      EmberConf conf, ConfigOption<Long> heap, ConfigOption<Long> overhead) {
    long heapMiB = toMiB(conf.get(heap));
    long overheadMiB =
        conf.getOptional(overhead)
            .map(ContainerSize::toMiB)
            .orElse(Math.max(MIN_OVERHEAD_MIB, heapMiB / 10));
    return new ContainerSize(heapMiB, overheadMiB);
  }

  /** The memory to request from YARN, in MiB. */
  public long totalMiB() {
    return heapMiB + overheadMiB;
  }

  private static long toMiB(long bytes) {
    return Math.max(1, (bytes + (1L << 20) - 1) >> 20);
  }
}
