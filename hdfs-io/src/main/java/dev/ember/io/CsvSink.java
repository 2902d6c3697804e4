package dev.ember.io;

import static java.util.Objects.requireNonNull;

import dev.ember.Dataset;
import dev.ember.io.write.DirectoryFunction;
import dev.ember.io.write.FileWriteJob;
import dev.ember.io.write.HivePartitionPaths;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes {@link Row}s as CSV files ({@code part-00000.csv}, ...) through Commons CSV, committed
 * through Hadoop's {@code FileOutputCommitter} with {@code _SUCCESS} written last; optionally
 * partitioned into Hive-style {@code column=value/} directories. Called on the driver; blocks until
 * the job ends.
 *
 * <p>Values are written as text by type: decimals in plain notation ({@code 1234.50}), dates as
 * {@code yyyy-MM-dd}, other types with {@code toString}; nulls as {@link
 * CsvWriteOptions#nullValue()}.
 */
public final class CsvSink {
  private CsvSink() {}

  /**
   * Saves {@code rows}, which follow {@code schema}, as CSV files in directory {@code path}.
   *
   * @param path a Hadoop path or URI
   * @return the number of rows written
   * @throws IllegalArgumentException before any task runs if a partition column is not in {@code
   *     schema}, every column is a partition column, or {@code path} exists and the mode forbids
   *     it; during the job (as the cause of a {@link dev.ember.JobFailedException}) if a row's size
   *     or value types do not match {@code schema}
   * @throws dev.ember.JobFailedException if a task fails too often; nothing becomes visible
   */
  public static long save(
      Dataset<Row> rows, RowSchema schema, String path, CsvWriteOptions options) {
    requireNonNull(schema, "schema is null");
    requireNonNull(options, "options is null");
    List<Integer> partitionColumns = new ArrayList<>();
    for (String name : options.partitionBy()) {
      partitionColumns.add(schema.indexOf(name));
    }
    List<Integer> dataColumns = new ArrayList<>();
    for (int i = 0; i < schema.size(); i++) {
      if (!partitionColumns.contains(i)) {
        dataColumns.add(i);
      }
    }
    if (dataColumns.isEmpty()) {
      throw new IllegalArgumentException(
          "CsvSink.save: every column of "
              + path
              + " is a partition column "
              + options.partitionBy()
              + "; leave at least one column out of partitionBy");
    }
    CsvFormatWriter format = new CsvFormatWriter(schema, dataColumns, options);
    boolean partitioned = !partitionColumns.isEmpty();
    List<String> names = List.copyOf(options.partitionBy());
    List<Integer> indexes = List.copyOf(partitionColumns);
    DirectoryFunction<Row> dirs =
        partitioned
            ? row -> {
              List<String> values = new ArrayList<>(indexes.size());
              for (int i : indexes) {
                values.add(CsvFormatWriter.text(schema, row, i));
              }
              return HivePartitionPaths.directory(names, values);
            }
            : DirectoryFunction.none();
    return FileWriteJob.run(rows, path, options.mode(), "CsvSink.save", format, dirs, partitioned);
  }

  /** As {@link #save(Dataset, RowSchema, String, CsvWriteOptions)} with the default options. */
  public static long save(Dataset<Row> rows, RowSchema schema, String path) {
    return save(rows, schema, path, CsvWriteOptions.defaults());
  }
}
