package dev.ember.io;

import static java.util.Objects.requireNonNull;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads text files on any Hadoop FileSystem as a dataset of lines (Spark's {@code textFile} with
 * Hadoop's split options and record delimiter). Splits come from Hadoop's {@code FileInputFormat};
 * a line that crosses a split or block boundary is read exactly once; compressed files are decoded
 * by the codec their extension names (gzip and other unsplittable codecs give one partition per
 * file, bzip2 is split). Text is decoded as UTF-8.
 *
 * <pre>{@code
 * Dataset<String> lines = TextSource.read(ember, "hdfs:///logs/2026-11-*",
 *     TextOptions.builder().maxSplitSize(64L << 20).build());
 * }</pre>
 */
public final class TextSource {
  private TextSource() {}

  /** The lines of {@code path} with {@link TextOptions#DEFAULT}. */
  public static Dataset<String> read(EmberSession session, String path) {
    return read(session, path, TextOptions.DEFAULT);
  }

  /**
   * The records of the files at {@code path}: a file, a directory (its files; names starting with
   * {@code _} or {@code .} are skipped), a glob, or a comma-separated list of them. Lazy: the input
   * is listed when the first action plans its job.
   *
   * @return a dataset of records without their delimiters, one partition per split; an empty file
   *     or directory gives an empty dataset
   * @throws InputPathException from the first action, before any task runs, if the path does not
   *     exist or a glob matches no file
   * @throws UnsupportedOperationException from a task, naming the codec and the fix, if a file's
   *     codec cannot be loaded (zstd without native libhadoop, lz4 without lz4-java)
   */
  public static Dataset<String> read(EmberSession session, String path, TextOptions options) {
    requireNonNull(session, "session is null");
    requireNonNull(path, "path is null");
    requireNonNull(options, "options is null");
    Configuration conf = session.hadoopConfiguration();
    options.recordDelimiter().ifPresent(d -> conf.set("textinputformat.record.delimiter", d));
    return new TextDataset(session, path, conf, options.split());
  }
}
