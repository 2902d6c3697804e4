package dev.ember.io;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.mapred.JobConf;
import org.apache.hadoop.mapred.LineRecordReader;

/**
 * Works out the columns of a CSV read on the driver, as Spark does without schema inference: the
 * given schema, or string columns named from the first record of the first non-empty file (the
 * header's names, or {@code _c0, _c1, ...} after its field count). Empty or missing header names
 * become {@code _cN}, and a name that occurs more than once gets its position appended (Spark's
 * rule). No non-empty file means no columns.
 */
final class CsvSchemas {
  private CsvSchemas() {}

  /**
   * The columns of the data, before PERMISSIVE mode's corrupt-record column.
   *
   * @throws InputPathException if the input cannot be listed
   * @throws MalformedCsvException if the first record does not parse
   */
  static RowSchema dataSchema(Configuration conf, String path, CsvOptions options) {
    if (options.schema().isPresent()) {
      return options.schema().get();
    }
    JobConf job = InputSplits.jobConf(conf, path, options.split());
    for (FileStatus file : InputSplits.listFiles(job, path, options.split(), "csv")) {
      if (file.isDirectory() || file.getLen() == 0) {
        continue;
      }
      FileSplitPartition whole =
          new FileSplitPartition(
              0, file.getPath().toString(), 0, file.getLen(), List.of(), List.of());
      Optional<List<String>> fields = firstFields(job, whole, options);
      if (fields.isPresent()) {
        return RowSchema.allStrings(
            options.header() ? headerNames(fields.get()) : generatedNames(fields.get().size()));
      }
    }
    return RowSchema.allStrings(List.of());
  }

  /** {@code dataSchema}, plus the corrupt-record column in PERMISSIVE mode. */
  static RowSchema outputSchema(RowSchema dataSchema, CsvOptions options) {
    if (options.mode() != CsvParseMode.PERMISSIVE) {
      return dataSchema;
    }
    String corrupt = options.corruptRecordColumn();
    if (dataSchema.fields().stream().anyMatch(f -> f.name().equals(corrupt))) {
      throw new IllegalArgumentException(
          "csv: the schema already has a column named "
              + corrupt
              + ", which PERMISSIVE mode appends for malformed records; rename it or choose"
              + " another corruptRecordColumn");
    }
    List<RowSchema.Field> fields = new ArrayList<>(dataSchema.fields());
    fields.add(new RowSchema.Field(corrupt, FieldType.STRING, true));
    return new RowSchema(fields);
  }

  /**
   * The fields of the file's header, or of its first record that parses (a malformed record does
   * not decide the column count unless the mode is FAILFAST).
   */
  private static Optional<List<String>> firstFields(
      JobConf job, FileSplitPartition whole, CsvOptions options) {
    CsvRowConverter converter = new CsvRowConverter(options, RowSchema.allStrings(List.of()));
    boolean strict = options.header() || options.mode() == CsvParseMode.FAILFAST;
    LineRecordReader reader = SplitLines.openReader(job, whole);
    try {
      Iterator<CsvRecords.Raw> records =
          new CsvRecords(
              SplitLines.iterate(reader, whole),
              options.multiLine(),
              options.quote(),
              options.escape());
      while (records.hasNext()) {
        CsvRecords.Raw record = records.next();
        if (record.text().isEmpty()) {
          continue;
        }
        try {
          return Optional.of(converter.fields(record.text()));
        } catch (IllegalArgumentException e) {
          if (strict) {
            throw new MalformedCsvException(
                whole.file(),
                OptionalLong.of(record.lineInSplit()),
                record.offset(),
                "cannot read the "
                    + (options.header() ? "header" : "first record")
                    + ": "
                    + e.getMessage(),
                record.text());
          }
        }
      }
      return Optional.empty();
    } finally {
      SplitLines.close(reader, whole);
    }
  }

  static List<String> headerNames(List<String> header) {
    Map<String, Integer> counts = new HashMap<>();
    header.forEach(name -> counts.merge(name == null ? "" : name, 1, Integer::sum));
    List<String> names = new ArrayList<>(header.size());
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i) == null ? "" : header.get(i);
      if (name.isEmpty()) {
        names.add("_c" + i);
      } else {
        names.add(counts.get(name) > 1 ? name + i : name);
      }
    }
    return names;
  }

  static List<String> generatedNames(int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add("_c" + i);
    }
    return names;
  }
}
