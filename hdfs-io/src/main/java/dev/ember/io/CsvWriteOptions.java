package dev.ember.io;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;

/**
 * How {@link CsvSink} writes: save mode, header line, delimiter, quote character, the text of null
 * values, and the columns to partition the output by. Immutable; build from {@link #defaults()}
 * with the {@code with*} methods.
 *
 * @param mode what to do if the output directory exists
 * @param header whether each part file starts with a line of column names (Spark's {@code header})
 * @param delimiter the field separator
 * @param quote the quote character; fields containing the delimiter, the quote or a line break are
 *     quoted and inner quotes doubled (RFC 4180, as Commons CSV's minimal quoting does)
 * @param nullValue the text written for a null value (empty by default)
 * @param partitionBy columns whose values choose the {@code column=value/} subdirectory of each
 *     row, in nesting order; they are not repeated inside the files (Hive's and Spark's layout)
 */
public record CsvWriteOptions(
    SaveMode mode,
    boolean header,
    char delimiter,
    char quote,
    String nullValue,
    List<String> partitionBy)
    implements Serializable {
  public CsvWriteOptions {
    requireNonNull(mode, "mode is null");
    requireNonNull(nullValue, "nullValue is null");
    partitionBy = List.copyOf(partitionBy);
    if (delimiter == quote) {
      throw new IllegalArgumentException(
          "CSV delimiter and quote are both '" + delimiter + "'; choose different characters");
    }
    if (new HashSet<>(partitionBy).size() != partitionBy.size()) {
      throw new IllegalArgumentException("partitionBy names a column twice: " + partitionBy);
    }
  }

  /** Error if the output exists, a header line, comma-separated, double quotes, empty nulls. */
  public static CsvWriteOptions defaults() {
    return new CsvWriteOptions(SaveMode.ERROR_IF_EXISTS, true, ',', '"', "", List.of());
  }

  public CsvWriteOptions withMode(SaveMode newMode) {
    return new CsvWriteOptions(newMode, header, delimiter, quote, nullValue, partitionBy);
  }

  public CsvWriteOptions withHeader(boolean newHeader) {
    return new CsvWriteOptions(mode, newHeader, delimiter, quote, nullValue, partitionBy);
  }

  public CsvWriteOptions withDelimiter(char newDelimiter) {
    return new CsvWriteOptions(mode, header, newDelimiter, quote, nullValue, partitionBy);
  }

  public CsvWriteOptions withQuote(char newQuote) {
    return new CsvWriteOptions(mode, header, delimiter, newQuote, nullValue, partitionBy);
  }

  public CsvWriteOptions withNullValue(String newNullValue) {
    return new CsvWriteOptions(mode, header, delimiter, quote, newNullValue, partitionBy);
  }

  /** Partition the output by these columns, outermost first. */
  public CsvWriteOptions withPartitionBy(List<String> columns) {
    return new CsvWriteOptions(mode, header, delimiter, quote, nullValue, columns);
  }
}
