package dev.ember.io.write;

import static java.util.Objects.requireNonNull;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.commit.ApplicationOutputMarker;
import dev.ember.io.SaveMode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver side of a write: applies the {@link SaveMode} before any task runs, sets up the {@link
 * FileCommitProtocol}, runs one {@link WriteTask} per partition as a job, and commits the job or
 * aborts it. On abort, an output directory this job created is removed again if it is empty, so
 * that a failed write leaves nothing behind and can simply be rerun. An output holding only the
 * uncommitted output of an earlier attempt of the same application (a killed driver) is aborted
 * before the save mode applies ({@link ApplicationOutputMarker}).
 *
 * <p>Called on the driver; blocks until the job ends. Stateless.
 */
public final class FileWriteJob {
  private static final String ALGORITHM_OPTION =
      "ember.hadoop." + FileCommitProtocol.ALGORITHM_VERSION_KEY;

  private FileWriteJob() {}

  /**
   * Writes {@code dataset} to {@code path}.
   *
   * @param action the user-facing name of the operation, for error messages ({@code
   *     "CsvSink.save"})
   * @param partitioned whether {@code directories} partitions the output by record values
   * @return the number of records written (0 if {@link SaveMode#IGNORE} skipped an existing path)
   * @throws IllegalArgumentException naming the path if it exists and {@code mode} is {@link
   *     SaveMode#ERROR_IF_EXISTS}, or if it is a file and {@code mode} is {@link SaveMode#APPEND}
   * @throws dev.ember.JobFailedException if a task failed too often; the output is aborted
   * @throws UncheckedIOException naming the path if the file system fails on the driver
   */
  public static <T> long run(
      Dataset<T> dataset,
      String path,
      SaveMode mode,
      String action,
      FormatWriter<T> format,
      DirectoryFunction<T> directories,
      boolean partitioned) {
    requireNonNull(dataset, "dataset is null");
    requireNonNull(path, "path is null");
    requireNonNull(mode, "mode is null");
    EmberSession session = dataset.session();
    Configuration hadoopConf = session.hadoopConfiguration();
    Path output = new Path(path);
    boolean existed = prepare(output, hadoopConf, mode, action, session.appId());
    if (existed && mode == SaveMode.IGNORE) {
      return 0;
    }
    String jobTracker = "ember" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String suffix = mode == SaveMode.APPEND ? "-" + jobTracker : "";
    FileCommitProtocol protocol =
        FileCommitProtocol.setupJob(
            hadoopConf,
            session.conf().contains(ALGORITHM_OPTION),
            output.toString(),
            jobTracker,
            dataset.id());
    try {
      ApplicationOutputMarker.mark(output.getFileSystem(hadoopConf), output, session.appId());
    } catch (IOException e) {
      throw new UncheckedIOException(action + ": cannot set up output path " + output, e);
    }
    WriteTask<T> task = new WriteTask<>(protocol, format, directories, suffix, partitioned);
    List<Integer> partitions = IntStream.range(0, dataset.numPartitions()).boxed().toList();
    long written;
    try {
      List<Long> counts =
          session.runJob(
              dataset,
              (ctx, it) -> {
                long n = task.run(TaskAttempt.of(ctx), CommitArbiter.driver(ctx), it);
                ctx.metrics().addRecordsWritten(n);
                return n;
              },
              partitions);
      protocol.commitJob();
      written = counts.stream().mapToLong(Long::longValue).sum();
    } catch (RuntimeException e) {
      abort(protocol, output, hadoopConf, existed && mode == SaveMode.APPEND, e);
      throw e;
    }
    return written;
  }

  /**
   * Applies the save mode; returns whether the output existed before. An output holding only an
   * earlier attempt's uncommitted output of this application is aborted first, as if absent.
   */
  private static boolean prepare(
      Path output, Configuration conf, SaveMode mode, String action, String appId) {
    try {
      FileSystem fs = output.getFileSystem(conf);
      if (ApplicationOutputMarker.abortEarlierAttempt(fs, output, appId) || !fs.exists(output)) {
        return false;
      }
      Path qualified = fs.makeQualified(output);
      switch (mode) {
        case ERROR_IF_EXISTS ->
            throw new IllegalArgumentException(
                action
                    + ": output path "
                    + qualified
                    + " already exists; delete it, write to another path, or choose"
                    + " SaveMode.OVERWRITE, APPEND or IGNORE");
        case OVERWRITE -> {
          if (!fs.delete(output, true)) {
            throw new IOException("delete returned false");
          }
        }
        case APPEND -> {
          if (!fs.getFileStatus(output).isDirectory()) {
            throw new IllegalArgumentException(
                action
                    + ": cannot append to "
                    + qualified
                    + ": it is a file, not a directory; choose another path or SaveMode.OVERWRITE");
          }
        }
        case IGNORE -> {
          // Nothing to do: the caller skips the job.
        }
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException(
          action + ": cannot prepare output path " + output + " for mode " + mode, e);
    }
  }

  private static void abort(
      FileCommitProtocol protocol,
      Path output,
      Configuration conf,
      boolean keepDirectory,
      RuntimeException failure) {
    try {
      protocol.abortJob();
      if (!keepDirectory) {
        FileSystem fs = output.getFileSystem(conf);
        FileStatus[] left = fs.listStatus(output);
        if (left.length == 0) {
          fs.delete(output, false);
        }
      }
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
