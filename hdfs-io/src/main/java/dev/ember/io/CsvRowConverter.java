package dev.ember.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Parses one CSV record's text with Apache Commons CSV and converts its fields to a {@link Row} of
 * a schema: {@code INT}, {@code LONG}, {@code DOUBLE} and {@code DECIMAL} as Java parses them (no
 * surrounding spaces), {@code BOOLEAN} as {@code true}/{@code false} in any case, {@code DATE} as
 * ISO {@code yyyy-MM-dd}; the {@code nullValue} text as null. Not thread-safe (one per task).
 */
final class CsvRowConverter {
  /** The outcome of one record; {@code reason} is empty when the record is well-formed. */
  record Parsed(Row row, String reason) {
    boolean malformed() {
      return !reason.isEmpty();
    }
  }

  private final CSVFormat format;
  private final CsvOptions options;
  private final RowSchema schema;

  CsvRowConverter(CsvOptions options, RowSchema schema) {
    this.options = options;
    this.schema = schema;
    this.format = format(options);
  }

  static CSVFormat format(CsvOptions options) {
    CSVFormat.Builder builder =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(options.delimiter())
            .setQuote(options.quote())
            .setIgnoreEmptyLines(false);
    options.escape().ifPresent(builder::setEscape);
    return builder.build();
  }

  /**
   * The fields of {@code text}.
   *
   * @throws IllegalArgumentException with the reason if the text is not one well-formed record
   */
  List<String> fields(String text) {
    try (CSVParser parser = CSVParser.parse(text, format)) {
      List<CSVRecord> records = parser.getRecords();
      if (records.size() != 1) {
        throw new IllegalArgumentException(
            records.isEmpty()
                ? "no fields"
                : "a line break outside quotes splits it into " + records.size() + " records");
      }
      return records.get(0).toList();
    } catch (IOException | UncheckedIOException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("EOF reached before encapsulated token finished")) {
        throw new IllegalArgumentException(
            options.multiLine()
                ? "a quoted value is not closed before the end of the file"
                : "a quoted value is not closed on its line (read with multiLine(true) if quoted"
                    + " values contain line breaks)",
            e);
      }
      throw new IllegalArgumentException(
          message.replaceFirst("^IOException reading next record: ", ""), e);
    }
  }

  /**
   * Parses and converts {@code text}; never throws for bad input, which is reported as malformed.
   */
  Parsed parse(String text) {
    List<String> fields;
    try {
      fields = fields(text);
    } catch (IllegalArgumentException e) {
      return new Parsed(Row.of(new Object[schema.size()]), e.getMessage());
    }
    List<Object> values = new ArrayList<>(schema.size());
    String reason =
        fields.size() == schema.size()
            ? ""
            : "expected " + schema.size() + " fields but found " + fields.size();
    for (int i = 0; i < schema.size(); i++) {
      RowSchema.Field field = schema.fields().get(i);
      String raw = i < fields.size() ? fields.get(i) : null;
      Object value = null;
      if (raw != null && !raw.equals(options.nullValue())) {
        try {
          value = convert(raw, field.type());
        } catch (IllegalArgumentException | DateTimeParseException e) {
          reason =
              reason.isEmpty()
                  ? "column "
                      + field.name()
                      + " ("
                      + field.type()
                      + "): cannot parse \""
                      + raw
                      + "\""
                  : reason;
        }
      } else if (!field.nullable() && i < fields.size() && reason.isEmpty()) {
        reason = "column " + field.name() + " is not nullable but the value is null";
      }
      values.add(value);
    }
    return new Parsed(new Row(values), reason);
  }

  private static Object convert(String raw, FieldType type) {
    return switch (type) {
      case STRING -> raw;
      case INT -> Integer.valueOf(raw);
      case LONG -> Long.valueOf(raw);
      case DOUBLE -> Double.valueOf(raw);
      case DECIMAL -> new BigDecimal(raw);
      case DATE -> LocalDate.parse(raw);
      case BOOLEAN -> {
        String lower = raw.toLowerCase(Locale.ROOT);
        if (!lower.equals("true") && !lower.equals("false")) {
          throw new IllegalArgumentException("not a boolean: " + raw);
        }
        yield Boolean.valueOf(lower);
      }
    };
  }
}
