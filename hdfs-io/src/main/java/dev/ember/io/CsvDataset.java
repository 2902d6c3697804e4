package dev.ember.io;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberSession;
import dev.ember.LongAccumulator;
import dev.ember.TaskContext;
import java.util.Iterator;
import org.apache.hadoop.conf.Configuration;

/**
 * The rows of CSV files, made by {@link CsvSource#read}: a dataset of {@link Row}s that also knows
 * its {@link #schema()} and counts malformed records. Immutable; its methods may be called from any
 * driver thread.
 */
public final class CsvDataset extends FileSplitDataset<Row> {
  private static final long serialVersionUID = 1L;

  private final CsvOptions options;
  private final RowSchema dataSchema;
  private final RowSchema schema;
  private final LongAccumulator malformedRows;

  CsvDataset(
      EmberSession session,
      String path,
      Configuration conf,
      CsvOptions options,
      RowSchema dataSchema,
      RowSchema schema) {
    super(session, path, conf, options.split(), !options.multiLine(), "csv");
    this.options = requireNonNull(options, "options is null");
    this.dataSchema = requireNonNull(dataSchema, "dataSchema is null");
    this.schema = requireNonNull(schema, "schema is null");
    this.malformedRows = session.longAccumulator(CsvSource.MALFORMED_ROWS_ACCUMULATOR);
  }

  /**
   * The columns of the rows: the given schema, or the header's names (or {@code _c0, _c1, ...}) as
   * nullable strings; in PERMISSIVE mode followed by the nullable string corrupt-record column.
   */
  public RowSchema schema() {
    return schema;
  }

  /** The options the files are read with. */
  public CsvOptions options() {
    return options;
  }

  /**
   * The number of malformed records met (kept in PERMISSIVE mode, dropped in DROPMALFORMED mode),
   * an accumulator named {@value CsvSource#MALFORMED_ROWS_ACCUMULATOR}. Read its {@code value()} on
   * the driver after an action. As with any accumulator updated in a transformation, each action
   * that computes this dataset (and is not served from a cache) adds its count again.
   */
  public LongAccumulator malformedRows() {
    return malformedRows;
  }

  @Override
  Iterator<Row> read(FileSplitPartition split, Iterator<Line> lines, TaskContext context) {
    CsvRecords records =
        new CsvRecords(lines, options.multiLine(), options.quote(), options.escape());
    return new CsvRowIterator(
        records,
        new CsvRowConverter(options, dataSchema),
        options,
        split,
        jobConf(),
        malformedRows);
  }
}
