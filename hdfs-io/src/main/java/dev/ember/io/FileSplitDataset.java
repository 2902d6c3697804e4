package dev.ember.io;

import static java.util.Objects.requireNonNull;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.Partition;
import dev.ember.TaskContext;
import dev.ember.lineage.Dependency;
import dev.ember.lineage.SerializableConfiguration;
import dev.ember.scheduler.TaskLocation;
import java.util.Iterator;
import java.util.List;
import org.apache.hadoop.mapred.JobConf;

/**
 * A dataset read from files on a Hadoop FileSystem, one partition per input split (Spark's {@code
 * HadoopRDD}): the driver lists the input and cuts it into {@link FileSplitPartition}s with
 * Hadoop's {@code FileInputFormat} when the first action plans the job, so a missing path fails the
 * action before any task runs; each task reads its split's lines with Hadoop's line reader and
 * turns them into elements with {@link #read}. A partition prefers the hosts holding its blocks.
 *
 * <p>Instances are immutable and may be shared between driver threads. The formats of this package
 * are its only subclasses ({@link TextSource}'s lines and {@link CsvDataset}).
 *
 * @param <T> element type
 */
public abstract sealed class FileSplitDataset<T> extends Dataset<T>
    permits TextDataset, CsvDataset {
  private static final long serialVersionUID = 1L;

  private final String path;
  private final SplitOptions splitOptions;
  private final boolean splittable;
  private final String sourceName;
  private final SerializableConfiguration conf;

  /**
   * A dataset of the files at {@code path}.
   *
   * @param path a file, directory, glob or comma-separated list of them, on any Hadoop FileSystem
   * @param conf the Hadoop configuration to read with (input paths and split options are set here)
   * @param splittable false to read every file whole in one partition
   * @param sourceName the source's name in error messages, e.g. {@code csv}
   */
  FileSplitDataset(
      EmberSession session,
      String path,
      org.apache.hadoop.conf.Configuration conf,
      SplitOptions splitOptions,
      boolean splittable,
      String sourceName) {
    super(session);
    this.path = requireNonNull(path, "path is null");
    this.splitOptions = requireNonNull(splitOptions, "splitOptions is null");
    this.splittable = splittable;
    this.sourceName = requireNonNull(sourceName, "sourceName is null");
    this.conf = new SerializableConfiguration(InputSplits.jobConf(conf, path, splitOptions));
  }

  /** The input path as given. */
  public final String path() {
    return path;
  }

  /**
   * Turns the lines of one split into elements; runs on a task thread. Called once per task
   * attempt; the lines' reader is closed when the attempt ends.
   */
  abstract Iterator<T> read(FileSplitPartition split, Iterator<Line> lines, TaskContext context);

  /** A fresh job configuration for reading this dataset's input (callers may modify it). */
  final JobConf jobConf() {
    return new JobConf(conf.get());
  }

  @Override
  protected final Partition[] computePartitions() {
    return InputSplits.plan(jobConf(), path, splitOptions, splittable, sourceName)
        .toArray(new Partition[0]);
  }

  @Override
  public final Iterator<T> compute(Partition partition, TaskContext context) {
    FileSplitPartition split = (FileSplitPartition) partition;
    Iterator<Line> lines = SplitLines.open(jobConf(), split, context);
    return read(split, countingReads(lines, context), context);
  }

  private static Iterator<Line> countingReads(Iterator<Line> lines, TaskContext context) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return lines.hasNext();
      }

      @Override
      public Line next() {
        Line line = lines.next();
        context.metrics().addRecordsRead(1);
        return line;
      }
    };
  }

  @Override
  public final List<Dependency> dependencies() {
    return List.of();
  }

  /** The hosts holding the split's blocks, most bytes first (NODE_LOCAL preferences). */
  @Override
  public final List<TaskLocation> preferredLocations(Partition partition) {
    return ((FileSplitPartition) partition).preferredLocations();
  }
}
