package dev.ember.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberSession;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading CSV from a MiniDFSCluster: quoting, headers, schemas and parse modes. */
class CsvSourceTest {
  @TempDir static Path base;
  static MiniDfs dfs;
  static EmberSession ember;

  static final RowSchema PRICES =
      new RowSchema(
          List.of(
              new RowSchema.Field("id", FieldType.INT, false),
              new RowSchema.Field("price", FieldType.DECIMAL, true),
              new RowSchema.Field("day", FieldType.DATE, true)));

  static final String MALFORMED =
      """
      id,price,day
      1,9.50,2024-01-31
      2,abc,2024-02-01
      3,1.25
      4,2.00,2024-02-30
      5,"3.00,2024-03-01
      6,4.00,2024-03-02
      """;

  @BeforeAll
  static void start() throws Exception {
    dfs = MiniDfs.start(base);
    ember = EmberSession.builder().master("local[3]").build();
    dfs.write("/csv/malformed.csv", MALFORMED);
  }

  @AfterAll
  static void stop() {
    ember.close();
    dfs.close();
  }

  private static List<Row> sorted(List<Row> rows) {
    List<Row> out = new ArrayList<>(rows);
    out.sort((a, b) -> String.valueOf(a.get(0)).compareTo(String.valueOf(b.get(0))));
    return out;
  }

  @Test
  void quotedFieldsHoldDelimitersQuotesAndLineBreaksInMultiLineMode() throws Exception {
    dfs.write(
        "/csv/quoted.csv",
        "id,name,note\n"
            + "1,\"Smith, John\",\"said \"\"hi\"\"\nand left\"\n"
            + "2,plain,\"a,b,c\"\r\n"
            + "\n"
            + "3,\"\",\"x\"\n");

    CsvDataset read =
        CsvSource.read(
            ember,
            dfs.uri("/csv/quoted.csv"),
            CsvOptions.builder().header(true).multiLine(true).build());

    assertThat(read.schema())
        .isEqualTo(RowSchema.allStrings(List.of("id", "name", "note", "_corrupt_record")));
    assertThat(read.collect())
        .containsExactly(
            Row.of("1", "Smith, John", "said \"hi\"\nand left", null),
            Row.of("2", "plain", "a,b,c", null),
            Row.of("3", null, "x", null));
    assertThat(read.malformedRows().value()).isZero();
  }

  @Test
  void multiLineReadsEachFileWholeInOnePartition() throws Exception {
    StringBuilder text = new StringBuilder();
    List<Row> expected = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      text.append(i).append(",\"first line ").append(i).append("\nsecond, line\"\n");
      expected.add(Row.of(String.valueOf(i), "first line " + i + "\nsecond, line"));
    }
    dfs.write("/csv/multi/a.csv", text.toString());
    dfs.write("/csv/multi/b.csv", "x,\"y\ny\"\n");
    expected.add(Row.of("x", "y\ny"));

    CsvDataset read =
        CsvSource.read(
            ember,
            dfs.uri("/csv/multi"),
            CsvOptions.builder()
                .multiLine(true)
                .mode(CsvParseMode.FAILFAST)
                .maxSplitSize(64 * 1024)
                .build());

    assertThat(read.numPartitions()).isEqualTo(2);
    assertThat(read.schema()).isEqualTo(RowSchema.allStrings(List.of("_c0", "_c1")));
    assertThat(read.collect()).isEqualTo(expected);
  }

  @Test
  void withoutMultiLineAQuotedLineBreakMakesMalformedRecords() throws Exception {
    dfs.write("/csv/broken-quote.csv", "0,zero\n1,\"two\nlines\"\n2,ok\n");

    CsvDataset read = CsvSource.read(ember, dfs.uri("/csv/broken-quote.csv"));

    assertThat(read.collect())
        .containsExactly(
            Row.of("0", "zero", null),
            Row.of(null, null, "1,\"two"),
            Row.of("lines\"", null, "lines\""),
            Row.of("2", "ok", null));
    assertThat(read.malformedRows().value()).isEqualTo(2);
  }

  @Test
  void headerOfEveryFileIsSkippedAndNamesTheColumns() throws Exception {
    dfs.write("/csv/parts/part-0.csv", "name,qty\napple,1\npear,2\n");
    dfs.write("/csv/parts/part-1.csv", "name,qty\nplum,3\n");

    CsvDataset withHeader =
        CsvSource.read(
            ember,
            dfs.uri("/csv/parts"),
            CsvOptions.builder().header(true).mode(CsvParseMode.FAILFAST).build());
    assertThat(withHeader.schema()).isEqualTo(RowSchema.allStrings(List.of("name", "qty")));
    assertThat(sorted(withHeader.collect()))
        .containsExactly(Row.of("apple", "1"), Row.of("pear", "2"), Row.of("plum", "3"));

    CsvDataset withoutHeader =
        CsvSource.read(
            ember,
            dfs.uri("/csv/parts"),
            CsvOptions.builder().mode(CsvParseMode.DROPMALFORMED).build());
    assertThat(withoutHeader.schema()).isEqualTo(RowSchema.allStrings(List.of("_c0", "_c1")));
    assertThat(withoutHeader.count()).isEqualTo(5);
  }

  @Test
  void emptyAndDuplicateHeaderNamesAreMadeUnique() throws Exception {
    dfs.write("/csv/odd-header.csv", "a,,a,b\n1,2,3,4\n");

    CsvDataset read =
        CsvSource.read(
            ember,
            dfs.uri("/csv/odd-header.csv"),
            CsvOptions.builder().header(true).mode(CsvParseMode.FAILFAST).build());

    assertThat(read.schema()).isEqualTo(RowSchema.allStrings(List.of("a0", "_c1", "a2", "b")));
    assertThat(read.collect()).containsExactly(Row.of("1", "2", "3", "4"));
  }

  @Test
  void explicitSchemaParsesEveryTypeAndDelimiterQuoteEscapeAndNullValue() throws Exception {
    dfs.write(
        "/csv/typed.csv",
        "i;l;d;b;dec;date;s\n"
            + "7;9000000000;2.5;TRUE;12.345;2024-02-29;'semi;colon'\n"
            + "-1;0;-0.5;false;0.1;1999-12-31;'it\\'s'\n"
            + "NA;NA;NA;NA;NA;NA;NA\n");
    RowSchema schema =
        new RowSchema(
            List.of(
                new RowSchema.Field("i", FieldType.INT, true),
                new RowSchema.Field("l", FieldType.LONG, true),
                new RowSchema.Field("d", FieldType.DOUBLE, true),
                new RowSchema.Field("b", FieldType.BOOLEAN, true),
                new RowSchema.Field("dec", FieldType.DECIMAL, true),
                new RowSchema.Field("date", FieldType.DATE, true),
                new RowSchema.Field("s", FieldType.STRING, true)));

    CsvDataset read =
        CsvSource.read(
            ember,
            dfs.uri("/csv/typed.csv"),
            CsvOptions.builder()
                .header(true)
                .schema(schema)
                .delimiter(';')
                .quote('\'')
                .escape('\\')
                .nullValue("NA")
                .mode(CsvParseMode.FAILFAST)
                .build());

    assertThat(read.schema()).isEqualTo(schema);
    assertThat(read.collect())
        .containsExactly(
            Row.of(
                7,
                9_000_000_000L,
                2.5,
                true,
                new BigDecimal("12.345"),
                LocalDate.of(2024, 2, 29),
                "semi;colon"),
            Row.of(-1, 0L, -0.5, false, new BigDecimal("0.1"), LocalDate.of(1999, 12, 31), "it's"),
            Row.of(new Object[7]));
  }

  @Test
  void permissiveKeepsMalformedRowsWithNullsAndTheirText() {
    CsvDataset read =
        CsvSource.read(
            ember,
            dfs.uri("/csv/malformed.csv"),
            CsvOptions.builder().header(true).schema(PRICES).build());

    assertThat(read.schema().fields().get(3))
        .isEqualTo(new RowSchema.Field("_corrupt_record", FieldType.STRING, true));
    assertThat(read.collect())
        .containsExactly(
            Row.of(1, new BigDecimal("9.50"), LocalDate.of(2024, 1, 31), null),
            Row.of(2, null, LocalDate.of(2024, 2, 1), "2,abc,2024-02-01"),
            Row.of(3, new BigDecimal("1.25"), null, "3,1.25"),
            Row.of(4, new BigDecimal("2.00"), null, "4,2.00,2024-02-30"),
            Row.of(null, null, null, "5,\"3.00,2024-03-01"),
            Row.of(6, new BigDecimal("4.00"), LocalDate.of(2024, 3, 2), null));
    assertThat(read.malformedRows().value()).isEqualTo(4);
    assertThat(read.malformedRows().name()).isEqualTo("csv.malformedRows");
  }

  @Test
  void dropMalformedDropsAndCountsThem() {
    CsvDataset read =
        CsvSource.read(
            ember,
            dfs.uri("/csv/malformed.csv"),
            CsvOptions.builder()
                .header(true)
                .schema(PRICES)
                .mode(CsvParseMode.DROPMALFORMED)
                .build());

    assertThat(read.schema()).isEqualTo(PRICES);
    assertThat(read.collect())
        .containsExactly(
            Row.of(1, new BigDecimal("9.50"), LocalDate.of(2024, 1, 31)),
            Row.of(6, new BigDecimal("4.00"), LocalDate.of(2024, 3, 2)));
    assertThat(read.malformedRows().value()).isEqualTo(4);
  }

  @Test
  void failFastNamesTheFileTheLineAndTheReason() {
    CsvDataset read =
        CsvSource.read(
            ember,
            dfs.uri("/csv/malformed.csv"),
            // One partition: with several, whichever task fails first (any malformed line) aborts.
            CsvOptions.builder()
                .header(true)
                .schema(PRICES)
                .mode(CsvParseMode.FAILFAST)
                .minPartitions(1)
                .build());

    assertThatThrownBy(read::collect)
        .satisfies(
            e ->
                assertThat(TextSourceTest.messages(e))
                    .contains(
                        "csv: malformed record in "
                            + dfs.uri("/csv/malformed.csv")
                            + " at line 3: column price (DECIMAL): cannot parse \"abc\""));
  }

  @Test
  void failFastCountsLinesOfLaterSplits() throws Exception {
    String[] good = new String[50_000];
    Arrays.fill(good, "1,2.00,2024-01-01");
    StringBuilder text = new StringBuilder(String.join("\n", good));
    text.append("\n7,1.00\n").append(String.join("\n", good)).append('\n');
    dfs.write("/csv/late-error.csv", text.toString());

    CsvDataset read =
        CsvSource.read(
            ember,
            dfs.uri("/csv/late-error.csv"),
            CsvOptions.builder()
                .schema(PRICES)
                .mode(CsvParseMode.FAILFAST)
                .maxSplitSize(128 * 1024)
                .build());

    assertThat(read.numPartitions()).isGreaterThan(5);
    assertThatThrownBy(read::count)
        .satisfies(
            e ->
                assertThat(TextSourceTest.messages(e))
                    .contains(
                        dfs.uri("/csv/late-error.csv")
                            + " at line 50001: expected 3 fields but found 2: \"7,1.00\""));
  }

  @Test
  void corruptRecordColumnMustNotClashWithTheSchema() {
    RowSchema clash = RowSchema.allStrings(List.of("a", "_corrupt_record"));
    assertThatThrownBy(
            () ->
                CsvSource.read(
                    ember,
                    dfs.uri("/csv/malformed.csv"),
                    CsvOptions.builder().schema(clash).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already has a column named _corrupt_record");
  }
}
