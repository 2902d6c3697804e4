package dev.ember.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.Serializable;

/**
 * How input files are cut into splits (one split = one partition = one task), as Hadoop's {@code
 * FileInputFormat} does: the split size is {@code max(minSplitSize, min(maxSplitSize, goalSize,
 * blockSize))} with {@code goalSize = totalBytes / minPartitions}; the last split of a file may be
 * up to 10% larger than the split size rather than leave a tiny tail (Hadoop's {@code SPLIT_SLOP}).
 * Files whose codec cannot be split (gzip, snappy, zstd, ...) are one split each, whatever these
 * options say. Immutable.
 *
 * @param minPartitions the number of partitions asked for (Spark's {@code minPartitions}); the
 *     result can be more (one split never spans two files or more than a block) or fewer (a file
 *     that cannot be split); at least 1
 * @param minSplitSize the smallest split in bytes ({@code
 *     mapreduce.input.fileinputformat.split.minsize}); at least 1; wins over {@code maxSplitSize}
 * @param maxSplitSize the largest split in bytes ({@code
 *     mapreduce.input.fileinputformat.split.maxsize}); at least 1; {@link Long#MAX_VALUE} for no
 *     limit beyond the block size
 * @param recursive whether to read files in subdirectories of an input directory ({@code
 *     mapreduce.input.fileinputformat.input.dir.recursive}); without it, a subdirectory is an error
 */
public record SplitOptions(
    int minPartitions, long minSplitSize, long maxSplitSize, boolean recursive)
    implements Serializable {
  /** Hadoop's defaults with two partitions asked for, as Spark's {@code textFile}. */
  public static final SplitOptions DEFAULT = new SplitOptions(2, 1, Long.MAX_VALUE, false);

  public SplitOptions {
    checkArgument(minPartitions >= 1, "minPartitions must be at least 1, not %s", minPartitions);
    checkArgument(minSplitSize >= 1, "minSplitSize must be at least 1 byte, not %s", minSplitSize);
    checkArgument(maxSplitSize >= 1, "maxSplitSize must be at least 1 byte, not %s", maxSplitSize);
  }

  /** These options with {@code minPartitions} changed. */
  public SplitOptions withMinPartitions(int value) {
    return new SplitOptions(value, minSplitSize, maxSplitSize, recursive);
  }

  /** These options with {@code minSplitSize} (bytes) changed. */
  public SplitOptions withMinSplitSize(long bytes) {
    return new SplitOptions(minPartitions, bytes, maxSplitSize, recursive);
  }

  /** These options with {@code maxSplitSize} (bytes) changed. */
  public SplitOptions withMaxSplitSize(long bytes) {
    return new SplitOptions(minPartitions, minSplitSize, bytes, recursive);
  }

  /** These options with {@code recursive} changed. */
  public SplitOptions withRecursive(boolean value) {
    return new SplitOptions(minPartitions, minSplitSize, maxSplitSize, value);
  }
}
