package dev.ember.memory;

/**
 * Frees memory held by cached blocks when execution needs it back. Implemented by the block
 * manager, which drops or spills least-recently-used blocks. Called by {@link MemoryManager} with
 * its lock held released; implementations must call {@link MemoryManager#releaseStorage} for what
 * they free.
 */
@FunctionalInterface
public interface StorageEvictor {
  /**
   * Evicts cached blocks until at least {@code bytes} of storage memory is freed or nothing more
   * can be evicted.
   *
   * @return bytes actually freed
   */
  long evict(long bytes);
}
