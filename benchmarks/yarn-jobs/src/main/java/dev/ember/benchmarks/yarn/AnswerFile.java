package dev.ember.benchmarks.yarn;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A job's answer as a one-line UTF-8 file on the cluster's file system: every engine's driver (or
 * MapReduce's submitting client) writes one, and {@link ReadAnswers} reads them all back so that
 * the harness compares the engines' answers before it reports a time.
 */
public final class AnswerFile {
  private AnswerFile() {}

  /**
   * Writes {@code answer} to {@code path} (overwriting), with the default file system of {@code
   * conf}.
   *
   * @throws IOException if the file cannot be written
   */
  public static void write(Configuration conf, String path, String answer) throws IOException {
    Path p = new Path(path);
    FileSystem fs = p.getFileSystem(conf);
    try (OutputStream out = fs.create(p, true)) {
      out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * The answer at {@code path}, without its line end.
   *
   * @throws IOException if the file is missing or unreadable
   */
  public static String read(Configuration conf, String path) throws IOException {
    Path p = new Path(URI.create(path));
    FileSystem fs = p.getFileSystem(conf);
    try (FSDataInputStream in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
  }
}
