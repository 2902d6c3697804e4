package dev.ember.io;

/**
 * What {@link CsvSource} does with a malformed record (a wrong number of fields, a value that does
 * not parse as its column's type, an empty value in a non-nullable column, or an unterminated
 * quote). The names and meanings are Spark's CSV {@code mode} option. Every mode but FAILFAST
 * counts malformed records in {@link CsvDataset#malformedRows()}.
 */
public enum CsvParseMode {
  /**
   * Keeps the record: values that parsed are kept, the others are null, and the record's raw text
   * goes into the corrupt-record column appended to the schema (null for well-formed records).
   */
  PERMISSIVE,
  /** Drops the record. */
  DROPMALFORMED,
  /** Fails the job with a {@link MalformedCsvException} naming the file, line and reason. */
  FAILFAST
}
