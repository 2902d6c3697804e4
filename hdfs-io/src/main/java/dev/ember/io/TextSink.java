package dev.ember.io;

import dev.ember.Dataset;
import dev.ember.io.write.DirectoryFunction;
import dev.ember.io.write.FileWriteJob;
import dev.ember.io.write.FormatWriter;
import dev.ember.io.write.PartFileWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a dataset as text (Spark's {@code saveAsTextFile} with a {@link SaveMode}): one line per
 * element, {@code String.valueOf(element)} in UTF-8 followed by {@code \n}, in one part file per
 * partition ({@code part-00000}, ...; empty partitions give empty files), committed through
 * Hadoop's {@code FileOutputCommitter} with {@code _SUCCESS} written last. Called on the driver;
 * blocks until the job ends.
 */
public final class TextSink {
  private TextSink() {}

  /**
   * Saves {@code dataset} as text files in directory {@code path}.
   *
   * @param path a Hadoop path or URI ({@code hdfs://nn/out}, {@code /out})
   * @return the number of lines written
   * @throws IllegalArgumentException if {@code path} exists and {@code mode} forbids it
   * @throws dev.ember.JobFailedException if a task fails too often; nothing becomes visible
   */
  public static <T> long save(Dataset<T> dataset, String path, SaveMode mode) {
    return FileWriteJob.run(
        dataset, path, mode, "TextSink.save", new TextFormat<T>(), DirectoryFunction.none(), false);
  }

  /** As {@link #save(Dataset, String, SaveMode)} with {@link SaveMode#ERROR_IF_EXISTS}. */
  public static <T> long save(Dataset<T> dataset, String path) {
    return save(dataset, path, SaveMode.ERROR_IF_EXISTS);
  }

  private static final class TextFormat<T> implements FormatWriter<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public String extension() {
      return "";
    }

    @Override
    public PartFileWriter<T> open(OutputStream out) {
      return new PartFileWriter<>() {
        @Override
        public void write(T record) throws IOException {
          out.write(String.valueOf(record).getBytes(StandardCharsets.UTF_8));
          out.write('\n');
        }

        @Override
        public void close() throws IOException {
          out.close();
        }
      };
    }
  }
}
