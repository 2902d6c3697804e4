package dev.ember.io;

import com.google.common.collect.AbstractIterator;
import dev.ember.LongAccumulator;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;

/**
 * The rows of one split of a CSV file under a parse mode: skips blank records and, in a file's
 * first split, the header; keeps, drops or fails on malformed records. Runs on one task thread.
 */
final class CsvRowIterator extends AbstractIterator<Row> {
  private final CsvRecords records;
  private final CsvRowConverter converter;
  private final CsvOptions options;
  private final FileSplitPartition split;
  private final Configuration conf;
  private final LongAccumulator malformedRows;
  private boolean headerPending;

  CsvRowIterator(
      CsvRecords records,
      CsvRowConverter converter,
      CsvOptions options,
      FileSplitPartition split,
      Configuration conf,
      LongAccumulator malformedRows) {
    this.records = records;
    this.converter = converter;
    this.options = options;
    this.split = split;
    this.conf = conf;
    this.malformedRows = malformedRows;
    this.headerPending = options.header() && split.isFirstInFile();
  }

  @Override
  protected Row computeNext() {
    while (records.hasNext()) {
      CsvRecords.Raw record = records.next();
      if (record.text().isEmpty()) {
        continue;
      }
      if (headerPending) {
        headerPending = false;
        continue;
      }
      CsvRowConverter.Parsed parsed = converter.parse(record.text());
      boolean permissive = options.mode() == CsvParseMode.PERMISSIVE;
      if (!parsed.malformed()) {
        return permissive ? withCorruptColumn(parsed.row(), null) : parsed.row();
      }
      switch (options.mode()) {
        case PERMISSIVE -> {
          malformedRows.add(1L);
          return withCorruptColumn(parsed.row(), record.text());
        }
        case DROPMALFORMED -> malformedRows.add(1L);
        case FAILFAST ->
            throw new MalformedCsvException(
                split.file(),
                LineNumbers.lineOf(conf, split, record),
                record.offset(),
                parsed.reason(),
                record.text());
      }
    }
    return endOfData();
  }

  private static Row withCorruptColumn(Row row, String text) {
    List<Object> values = new ArrayList<>(row.size() + 1);
    values.addAll(row.values());
    values.add(text);
    return new Row(values);
  }
}
