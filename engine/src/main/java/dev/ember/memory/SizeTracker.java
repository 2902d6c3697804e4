package dev.ember.memory;

/**
 * Keeps a cheap running estimate of the heap size of a growing collection, the idea of Spark's
 * {@code SizeTracker}: measuring the whole collection with {@link SizeEstimator} after every update
 * would cost time quadratic in its size, so the collection is measured only after updates number 1,
 * 2, ... and then at intervals growing by {@value #SAMPLE_GROWTH}x, and between two measurements
 * the size is extrapolated with the bytes per update seen between the last two.
 *
 * <p>Used by one task thread, with one collection at a time.
 */
public final class SizeTracker {
  static final double SAMPLE_GROWTH = 1.1;

  private long updates;
  private long nextSampleAt;
  private long lastSampleUpdates;
  private long lastSampleBytes;
  private double bytesPerUpdate;

  /** A tracker for an empty collection. */
  public SizeTracker() {
    reset();
  }

  /**
   * Counts one update (an insert or an in-place change) of {@code collection} and measures it if a
   * sample is due.
   *
   * @param collection the tracked collection, in its state after the update
   */
  public void afterUpdate(Object collection) {
    updates++;
    if (updates >= nextSampleAt) {
      long bytes = SizeEstimator.estimate(collection);
      long sinceLast = updates - lastSampleUpdates;
      // Measured against the previous sample, or against 0 bytes at 0 updates after a reset; a
      // shrinking estimate (e.g. sampling noise) must not extrapolate to negative growth.
      bytesPerUpdate = Math.max(0, (double) (bytes - lastSampleBytes) / sinceLast);
      lastSampleUpdates = updates;
      lastSampleBytes = bytes;
      nextSampleAt = Math.max(updates + 1, (long) Math.ceil(updates * SAMPLE_GROWTH));
    }
  }

  /** The estimated size of the tracked collection in bytes, as of its last update. */
  public long estimatedSize() {
    return lastSampleBytes + (long) (bytesPerUpdate * (updates - lastSampleUpdates));
  }

  /** Forgets all samples; call when the collection has been emptied or replaced by an empty one. */
  public void reset() {
    updates = 0;
    nextSampleAt = 1;
    lastSampleUpdates = 0;
    lastSampleBytes = 0;
    bytesPerUpdate = 0;
  }
}
