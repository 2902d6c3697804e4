package dev.ember;

/**
 * Where cached partitions of a persisted {@link Dataset} are kept (Spark's storage levels). A
 * partition that is evicted or whose executor is lost is recomputed from lineage.
 */
public enum StorageLevel {
  /** Not cached. */
  NONE(false, false),
  /**
   * Deserialized in executor memory; a partition that does not fit, or is evicted, is recomputed
   * when next needed.
   */
  MEMORY_ONLY(true, false),
  /** In memory while it fits; evicted or oversized partitions are written to local disk. */
  MEMORY_AND_DISK(true, true),
  /** Serialized on the executor's local disk only. */
  DISK_ONLY(false, true);

  private final boolean useMemory;
  private final boolean useDisk;

  StorageLevel(boolean useMemory, boolean useDisk) {
    this.useMemory = useMemory;
    this.useDisk = useDisk;
  }

  public boolean useMemory() {
    return useMemory;
  }

  public boolean useDisk() {
    return useDisk;
  }
}
