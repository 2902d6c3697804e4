package dev.ember.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The line number of a record for error messages. A split that starts a file counts its own lines;
 * a later split of an uncompressed file counts the {@code \n} bytes before the record, which reads
 * the file's prefix once (only when reporting an error). Lines of later splits of a compressed file
 * cannot be numbered without decompressing everything before them, so they are not.
 */
final class LineNumbers {
  private LineNumbers() {}

  static OptionalLong lineOf(Configuration conf, FileSplitPartition split, CsvRecords.Raw record) {
    if (split.isFirstInFile()) {
      return OptionalLong.of(record.lineInSplit());
    }
    Path file = new Path(split.file());
    if (Codecs.codecOf(conf, file).isPresent()) {
      return OptionalLong.empty();
    }
    try (InputStream in = file.getFileSystem(conf).open(file)) {
      return OptionalLong.of(1 + countNewlines(in, record.offset()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot count the lines of " + file, e);
    }
  }

  private static long countNewlines(InputStream in, long limit) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long remaining = limit;
    long newlines = 0;
    while (remaining > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
      if (n < 0) {
        break;
      }
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          newlines++;
        }
      }
      remaining -= n;
    }
    return newlines;
  }
}
