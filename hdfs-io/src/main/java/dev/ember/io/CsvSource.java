package dev.ember.io;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberSession;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads CSV files on any Hadoop FileSystem as a dataset of {@link Row}s, parsed by Apache Commons
 * CSV, with Spark's CSV options and parse modes ({@link CsvOptions}, {@link CsvParseMode}).
 *
 * <p>Splitting: by default every line is a record, so files are split as text files are (a line
 * crossing a split is read once; gzip files are one split, bzip2 files are split), and a quoted
 * value may hold delimiters and quotes but not line breaks. With {@code multiLine(true)} quoted
 * values may hold line breaks, and each file is read whole by one task, because a split that starts
 * in the middle of a file cannot tell whether it starts inside a quoted value (Spark makes the same
 * trade). Blank lines are skipped. With {@code header(true)} the first record of every file is a
 * header.
 *
 * <pre>{@code
 * CsvDataset orders = CsvSource.read(ember, "hdfs:///in/orders/*.csv",
 *     CsvOptions.builder().header(true).schema(ordersSchema).mode(CsvParseMode.DROPMALFORMED).build());
 * long n = orders.count();
 * long dropped = orders.malformedRows().value();
 * }</pre>
 */
public final class CsvSource {
  /**
   * The name of the accumulator that counts malformed records ({@link CsvDataset#malformedRows}).
   */
  public static final String MALFORMED_ROWS_ACCUMULATOR = "csv.malformedRows";

  private CsvSource() {}

  /** The rows of the CSV files at {@code path} with {@link CsvOptions#DEFAULT}. */
  public static CsvDataset read(EmberSession session, String path) {
    return read(session, path, CsvOptions.DEFAULT);
  }

  /**
   * The rows of the CSV files at {@code path}: a file, a directory (names starting with {@code _}
   * or {@code .} are skipped), a glob, or a comma-separated list of them. Without a schema in
   * {@code options}, this lists the input and reads the first record of the first non-empty file
   * now, on the calling (driver) thread, to name the columns; otherwise the input is listed when
   * the first action plans its job. Either way, no task runs on input that cannot be listed.
   *
   * @return the rows, one partition per split (per file with {@code multiLine}); values have the
   *     Java types of their schema's {@link FieldType}s; empty files or directories give no rows
   * @throws InputPathException if the path does not exist or a glob matches no file (now, or from
   *     the first action)
   * @throws MalformedCsvException if the first record, read to name the columns, does not parse;
   *     from an action's task in FAILFAST mode for the first malformed record
   * @throws IllegalArgumentException if the schema already has the corrupt-record column (in
   *     PERMISSIVE mode)
   */
  public static CsvDataset read(EmberSession session, String path, CsvOptions options) {
    requireNonNull(session, "session is null");
    requireNonNull(path, "path is null");
    requireNonNull(options, "options is null");
    Configuration conf = session.hadoopConfiguration();
    RowSchema dataSchema = CsvSchemas.dataSchema(conf, path, options);
    RowSchema schema = CsvSchemas.outputSchema(dataSchema, options);
    return new CsvDataset(session, path, conf, options, dataSchema, schema);
  }
}
