package dev.ember.io;

/**
 * What a sink does when its output directory already exists (Spark's {@code SaveMode}, with the
 * same semantics). The check runs on the driver before any task starts.
 */
public enum SaveMode {
  /** Fail with an error naming the directory; nothing is written. The default. */
  ERROR_IF_EXISTS,
  /**
   * Delete the existing directory, then write. As in Spark, the old contents are deleted before the
   * job runs, so a job that then fails leaves neither the old nor the new output.
   */
  OVERWRITE,
  /**
   * Add part files to the existing directory. New files carry a job-unique suffix ({@code
   * part-00000-<job>.csv}) so they never replace existing ones. Two jobs must not append to the
   * same directory at the same time: they share Hadoop's {@code _temporary} directory.
   */
  APPEND,
  /** Do nothing (no job runs) if the directory exists; otherwise write. */
  IGNORE
}
