package dev.ember.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.JobFailedException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV output: header, quoting, value formats, and Hive-style partitioned directories. */
class CsvSinkTest {
  @TempDir static Path base;
  private static HdfsFixture cluster;

  private static final RowSchema SCHEMA =
      new RowSchema(
          List.of(
              new RowSchema.Field("id", FieldType.INT, false),
              new RowSchema.Field("name", FieldType.STRING, true),
              new RowSchema.Field("price", FieldType.DECIMAL, true),
              new RowSchema.Field("day", FieldType.DATE, true),
              new RowSchema.Field("country", FieldType.STRING, true)));

  @BeforeAll
  static void start() throws IOException {
    cluster = HdfsFixture.start(base, Map.of());
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void writesHeaderQuotedFieldsAndTypedValues() throws IOException {
    List<Row> rows =
        List.of(
            Row.of(1, "plain", new BigDecimal("1E+3"), LocalDate.of(2024, 2, 29), "NL"),
            Row.of(2, "comma, \"quote\"\nnewline", null, null, null));
    String out = cluster.uri("/csv/plain");

    long written = CsvSink.save(cluster.ember().parallelize(rows, 1), SCHEMA, out);

    assertThat(written).isEqualTo(2);
    assertThat(cluster.files(out)).containsExactly("_SUCCESS", "part-00000.csv");
    assertThat(cluster.read(out + "/part-00000.csv"))
        .isEqualTo(
            "id,name,price,day,country\n"
                + "1,plain,1000,2024-02-29,NL\n"
                + "2,\"comma, \"\"quote\"\"\nnewline\",,,\n");
  }

  @Test
  void optionsChangeDelimiterNullsAndHeader() throws IOException {
    String out = cluster.uri("/csv/options");
    CsvWriteOptions options =
        CsvWriteOptions.defaults().withHeader(false).withDelimiter('|').withNullValue("\\N");

    CsvSink.save(
        cluster.ember().parallelize(List.of(Row.of(7, "a|b", null, null, "BE")), 1),
        SCHEMA,
        out,
        options);

    assertThat(cluster.read(out + "/part-00000.csv")).isEqualTo("7|\"a|b\"|\\N|\\N|BE\n");
  }

  @Test
  void partitionedOutputUsesEscapedKeyValueDirectories() throws IOException {
    List<Row> rows =
        List.of(
            Row.of(1, "a", null, LocalDate.of(2024, 1, 1), "NL"),
            Row.of(2, "b", null, LocalDate.of(2024, 1, 1), "NL"),
            Row.of(3, "c", null, LocalDate.of(2024, 1, 2), "NL"),
            Row.of(4, "d", null, LocalDate.of(2024, 1, 1), "a/b=c%"),
            Row.of(5, "e", null, LocalDate.of(2024, 1, 1), null));
    String out = cluster.uri("/csv/partitioned");
    // Partition 0 holds rows 1 and 2, partition 1 the rest.

    CsvSink.save(
        cluster.ember().parallelize(rows, 2),
        SCHEMA,
        out,
        CsvWriteOptions.defaults().withPartitionBy(List.of("country", "day")));

    assertThat(cluster.files(out))
        .containsExactly(
            "_SUCCESS",
            "country=NL/day=2024-01-01/part-00000.csv",
            "country=NL/day=2024-01-02/part-00001.csv",
            "country=__HIVE_DEFAULT_PARTITION__/day=2024-01-01/part-00001.csv",
            "country=a%2Fb%3Dc%25/day=2024-01-01/part-00001.csv");
    assertThat(cluster.read(out + "/country=NL/day=2024-01-01/part-00000.csv"))
        .isEqualTo("id,name,price\n1,a,\n2,b,\n");
    assertThat(cluster.read(out + "/country=a%2Fb%3Dc%25/day=2024-01-01/part-00001.csv"))
        .isEqualTo("id,name,price\n4,d,\n");
  }

  @Test
  void aRowThatDoesNotMatchTheSchemaFailsNamingTheColumn() throws IOException {
    String out = cluster.uri("/csv/bad");
    var rows = cluster.ember().parallelize(List.of(Row.of("one", "a", null, null, null)), 1);

    assertThatThrownBy(() -> CsvSink.save(rows, SCHEMA, out))
        .isInstanceOf(JobFailedException.class)
        .rootCause()
        .hasMessageContaining("column id is INT but the row holds a java.lang.String (one)");
    assertThat(cluster.files(out)).isEmpty();
  }

  @Test
  void anUnknownPartitionColumnFailsBeforeAnyTask() {
    assertThatThrownBy(
            () ->
                CsvSink.save(
                    cluster.ember().parallelize(List.<Row>of(), 1),
                    SCHEMA,
                    cluster.uri("/csv/unknown"),
                    CsvWriteOptions.defaults().withPartitionBy(List.of("year"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no column year; the columns are [id, name, price, day, country]");
  }
}
