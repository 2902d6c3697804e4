package dev.ember.io;

import static java.util.Objects.requireNonNull;

import dev.ember.io.write.FormatWriter;
import dev.ember.io.write.PartFileWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * The CSV {@link FormatWriter}: UTF-8, {@code \n} line ends, minimal quoting by Commons CSV's
 * {@link CSVPrinter}, an optional header of the data columns' names. Immutable and serializable.
 */
final class CsvFormatWriter implements FormatWriter<Row> {
  private static final long serialVersionUID = 1L;

  private final RowSchema schema;
  private final List<Integer> dataColumns;
  private final CsvWriteOptions options;

  CsvFormatWriter(RowSchema schema, List<Integer> dataColumns, CsvWriteOptions options) {
    this.schema = requireNonNull(schema, "schema is null");
    this.dataColumns = List.copyOf(dataColumns);
    this.options = requireNonNull(options, "options is null");
  }

  @Override
  public String extension() {
    return ".csv";
  }

  @Override
  public PartFileWriter<Row> open(OutputStream out) throws IOException {
    CSVFormat.Builder builder =
        CSVFormat.RFC4180
            .builder()
            .setDelimiter(options.delimiter())
            .setQuote(options.quote())
            .setQuoteMode(QuoteMode.MINIMAL)
            .setRecordSeparator('\n');
    if (options.header()) {
      builder.setHeader(
          dataColumns.stream().map(i -> schema.fields().get(i).name()).toArray(String[]::new));
    }
    CSVPrinter printer =
        new CSVPrinter(new OutputStreamWriter(out, StandardCharsets.UTF_8), builder.build());
    return new PartFileWriter<>() {
      @Override
      public void write(Row row) throws IOException {
        if (row.size() != schema.size()) {
          throw new IllegalArgumentException(
              "row has "
                  + row.size()
                  + " values but the schema has "
                  + schema.size()
                  + " columns "
                  + schema.fields().stream().map(RowSchema.Field::name).toList()
                  + ": "
                  + row);
        }
        List<String> values = new ArrayList<>(dataColumns.size());
        for (int i : dataColumns) {
          String text = text(schema, row, i);
          values.add(text == null ? options.nullValue() : text);
        }
        printer.printRecord(values);
      }

      @Override
      public void close() throws IOException {
        printer.close(true);
      }
    };
  }

  /**
   * The text of column {@code index} of {@code row}, or null for a null value.
   *
   * @throws IllegalArgumentException naming the column if the value does not have its type
   */
  static String text(RowSchema schema, Row row, int index) {
    Object value = row.get(index);
    if (value == null) {
      return null;
    }
    RowSchema.Field field = schema.fields().get(index);
    if (!field.type().javaType().isInstance(value)) {
      throw new IllegalArgumentException(
          "column "
              + field.name()
              + " is "
              + field.type()
              + " but the row holds a "
              + value.getClass().getName()
              + " ("
              + value
              + "); convert the value or change the schema");
    }
    return value instanceof BigDecimal d ? d.toPlainString() : value.toString();
  }
}
