package dev.ember.examples;

import dev.ember.EmberSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Refuses existing output before a job starts, so that an example fails at once with exit code 2
 * instead of after hours of work ({@code saveAsTextFile} checks too, but only when it is called).
 */
final class OutputCheck {
  private OutputCheck() {}

  /**
   * Checks that {@code path} (any Hadoop FileSystem path) does not exist.
   *
   * @throws IllegalArgumentException naming the fully qualified path if it exists
   * @throws UncheckedIOException if the FileSystem cannot be asked
   */
  static void requireAbsent(EmberSession ember, String path) {
    Path output = new Path(path);
    try {
      FileSystem fs = output.getFileSystem(ember.hadoopConfiguration());
      if (fs.exists(output)) {
        throw new IllegalArgumentException(
            "output "
                + fs.makeQualified(output)
                + " already exists; delete it or choose another output path");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check output " + path, e);
    }
  }
}
