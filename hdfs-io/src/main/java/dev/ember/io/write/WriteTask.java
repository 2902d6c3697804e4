package dev.ember.io.write;

import static java.util.Objects.requireNonNull;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The task side of a write job: writes one partition's records into part files under the attempt's
 * work directory, one file per output subdirectory, then commits through the {@link CommitArbiter}.
 * On any failure the attempt's files are deleted and the error is rethrown, so a retry starts
 * clean. Like Spark's {@code FileFormatWriter}, partitioned output keeps one open file per
 * subdirectory a partition touches.
 *
 * <p>Immutable and serializable; {@link #run} is called on a task thread.
 *
 * @param <T> the records written
 */
public final class WriteTask<T> implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int BUFFER_BYTES = 64 << 10;

  private final FileCommitProtocol protocol;
  private final FormatWriter<T> format;
  private final DirectoryFunction<T> directories;
  private final String fileSuffix;
  private final boolean partitioned;

  /**
   * @param protocol the job's commit protocol
   * @param format the file format
   * @param directories the subdirectory of each record; {@link DirectoryFunction#none()} if the
   *     output is not partitioned
   * @param fileSuffix added to part file names before the extension ({@code -<job id>} when
   *     appending), or empty
   * @param partitioned whether {@code directories} partitions the output; unpartitioned output has
   *     one part file per partition even if it is empty, as Hadoop's and Spark's text output do
   */
  public WriteTask(
      FileCommitProtocol protocol,
      FormatWriter<T> format,
      DirectoryFunction<T> directories,
      String fileSuffix,
      boolean partitioned) {
    this.protocol = requireNonNull(protocol, "protocol is null");
    this.format = requireNonNull(format, "format is null");
    this.directories = requireNonNull(directories, "directories is null");
    this.fileSuffix = requireNonNull(fileSuffix, "fileSuffix is null");
    this.partitioned = partitioned;
  }

  /** The part file name of {@code partition}, e.g. {@code part-00003.csv}. */
  public String fileName(int partition) {
    return String.format("part-%05d%s%s", partition, fileSuffix, format.extension());
  }

  /**
   * Writes and commits one partition.
   *
   * @param attempt this task attempt
   * @param arbiter who authorizes the commit (the driver's coordinator in a job)
   * @param records the partition's records
   * @return the number of records written
   * @throws CommitDeniedException if another attempt of the partition committed instead
   * @throws IOException if writing or committing fails (the attempt's output is deleted)
   */
  public long run(TaskAttempt attempt, CommitArbiter arbiter, Iterator<T> records)
      throws IOException {
    TaskCommitter committer =
        protocol.setupTask(attempt.partition(), attempt.outputAttemptNumber());
    Map<String, PartFileWriter<T>> open = new LinkedHashMap<>();
    long count = 0;
    try {
      FileSystem fs = committer.workPath().getFileSystem(protocol.configuration());
      if (!partitioned) {
        open.put("", openFile(fs, committer.workPath(), attempt.partition()));
      }
      while (records.hasNext()) {
        T record = records.next();
        String dir = directories.directoryOf(record);
        PartFileWriter<T> writer = open.get(dir);
        if (writer == null) {
          Path parent = dir.isEmpty() ? committer.workPath() : new Path(committer.workPath(), dir);
          writer = openFile(fs, parent, attempt.partition());
          open.put(dir, writer);
        }
        writer.write(record);
        count++;
      }
      closeAll(open.values());
      open.clear();
      committer.commit(attempt, arbiter);
      return count;
    } catch (IOException | RuntimeException | Error e) {
      closeQuietly(open.values(), e);
      try {
        committer.abort();
      } catch (IOException | RuntimeException abortError) {
        e.addSuppressed(abortError);
      }
      throw e;
    }
  }

  private PartFileWriter<T> openFile(FileSystem fs, Path dir, int partition) throws IOException {
    Path file = new Path(dir, fileName(partition));
    OutputStream out = new BufferedOutputStream(fs.create(file, false), BUFFER_BYTES);
    try {
      return format.open(out);
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  private static <T> void closeAll(Iterable<PartFileWriter<T>> writers) throws IOException {
    List<PartFileWriter<T>> list = new ArrayList<>();
    writers.forEach(list::add);
    IOException first = null;
    for (PartFileWriter<T> w : list) {
      try {
        w.close();
      } catch (IOException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }

  private static <T> void closeQuietly(Iterable<PartFileWriter<T>> writers, Throwable cause) {
    for (PartFileWriter<T> w : writers) {
      try {
        w.close();
      } catch (IOException | RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  }
}
