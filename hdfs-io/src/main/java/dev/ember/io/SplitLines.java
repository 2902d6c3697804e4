package dev.ember.io;

import com.google.common.collect.AbstractIterator;
import dev.ember.TaskContext;
import dev.ember.lineage.TextDecoding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.FileSplit;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.LineRecordReader;

/**
 * Reads the lines of one split with Hadoop's {@link LineRecordReader}, which decodes compressed
 * files and reads a line that crosses the split's end in full (and skips the partial first line of
 * every split but a file's first), so each line is read exactly once. Used on a task thread, or on
 * the driver to peek at a file's first record.
 */
final class SplitLines {
  private static final String DELIMITER = "textinputformat.record.delimiter";

  private SplitLines() {}

  /**
   * Opens {@code split}; the reader is closed when the task completes.
   *
   * @throws UnsupportedOperationException naming the codec and the fix if the file's codec cannot
   *     be loaded on this machine
   * @throws UncheckedIOException naming the file if it cannot be opened
   */
  static Iterator<Line> open(JobConf job, FileSplitPartition split, TaskContext context) {
    LineRecordReader reader = openReader(job, split);
    context.addCompletionListener(() -> close(reader, split));
    return iterate(reader, split);
  }

  /** Opens {@code split} for a caller that closes the returned reader itself (driver side). */
  static LineRecordReader openReader(JobConf job, FileSplitPartition split) {
    Path file = new Path(split.file());
    FileSplit hadoopSplit = new FileSplit(file, split.start(), split.length(), new String[0]);
    String delimiter = job.get(DELIMITER);
    byte[] delimiterBytes = delimiter == null ? null : delimiter.getBytes(StandardCharsets.UTF_8);
    Codecs.codecOf(job, file).ifPresent(codec -> Codecs.checkUsable(file, codec));
    try {
      return new LineRecordReader(job, hadoopSplit, delimiterBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot open " + split.file() + " at byte " + split.start() + ": " + e.getMessage(), e);
    }
  }

  static Iterator<Line> iterate(LineRecordReader reader, FileSplitPartition split) {
    LongWritable key = reader.createKey();
    Text value = reader.createValue();
    return new AbstractIterator<>() {
      @Override
      protected Line computeNext() {
        try {
          if (!reader.next(key, value)) {
            return endOfData();
          }
        } catch (IOException e) {
          throw new UncheckedIOException(
              "cannot read " + split.file() + " after byte " + key.get() + ": " + e.getMessage(),
              e);
        }
        return new Line(key.get(), TextDecoding.decode(value));
      }
    };
  }

  static void close(LineRecordReader reader, FileSplitPartition split) {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + split.file(), e);
    }
  }
}
