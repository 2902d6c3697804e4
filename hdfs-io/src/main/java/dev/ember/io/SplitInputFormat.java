package dev.ember.io;

import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.TextInputFormat;

/**
 * Hadoop's old-API {@link TextInputFormat} (what Spark's {@code textFile} uses) with the two things
 * it lacks: a maximum split size (only the new API honours {@code split.maxsize}) and a way to
 * forbid splitting (for CSV records that may span lines). Listing, hidden-file filtering, globs,
 * codec detection and the line reader are Hadoop's own. Not thread-safe; use one per planning call.
 */
final class SplitInputFormat extends TextInputFormat {
  private final long maxSplitSize;
  private final boolean splittable;
  // getSplits lists the input itself; keeping the listing spares the NameNode a second one.
  private FileStatus[] listed;

  SplitInputFormat(JobConf job, long maxSplitSize, boolean splittable) {
    this.maxSplitSize = maxSplitSize;
    this.splittable = splittable;
    configure(job);
  }

  @Override
  protected boolean isSplitable(FileSystem fs, Path file) {
    return splittable && super.isSplitable(fs, file);
  }

  @Override
  protected long computeSplitSize(long goalSize, long minSize, long blockSize) {
    return Math.max(minSize, Math.min(maxSplitSize, Math.min(goalSize, blockSize)));
  }

  @Override
  protected FileStatus[] listStatus(JobConf job) throws IOException {
    if (listed == null) {
      listed = super.listStatus(job);
    }
    return listed.clone();
  }

  /** The input files, as {@link #getSplits} sees them (globs expanded, hidden files skipped). */
  FileStatus[] listFiles(JobConf job) throws IOException {
    return listStatus(job);
  }
}
