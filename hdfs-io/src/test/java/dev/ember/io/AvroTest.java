package dev.ember.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.Dataset;
import dev.ember.serializer.KryoRecordSerializer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Avro output and input on HDFS: round trips, splitting, schema evolution, codecs, partitions. */
class AvroTest {
  @TempDir static Path base;
  private static HdfsFixture cluster;

  private static final Schema SCHEMA =
      SchemaBuilder.record("Order")
          .namespace("dev.ember.test")
          .fields()
          .requiredLong("id")
          .requiredString("customer")
          .optionalDouble("amount")
          .name("tags")
          .type()
          .array()
          .items()
          .stringType()
          .noDefault()
          .name("status")
          .type()
          .enumeration("Status")
          .symbols("OPEN", "SHIPPED")
          .noDefault()
          .endRecord();

  @BeforeAll
  static void start() throws IOException {
    // Small splits, so that files of a few hundred KB span many partitions.
    cluster =
        HdfsFixture.start(
            base, Map.of("ember.hadoop.mapreduce.input.fileinputformat.split.maxsize", "16384"));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  private static GenericRecord order(long id) {
    GenericData.Record r = new GenericData.Record(SCHEMA);
    r.put("id", id);
    r.put("customer", "customer-" + (id % 7));
    r.put("amount", id % 5 == 0 ? null : id * 1.5);
    r.put("tags", new GenericData.Array<>(SCHEMA.getField("tags").schema(), List.of("t" + id)));
    r.put(
        "status",
        new GenericData.EnumSymbol(
            SCHEMA.getField("status").schema(), id % 2 == 0 ? "OPEN" : "SHIPPED"));
    return r;
  }

  private static List<GenericRecord> orders(int n) {
    return IntStream.range(0, n).mapToObj(i -> order(i)).toList();
  }

  private static List<GenericRecord> sortedById(List<GenericRecord> records) {
    List<GenericRecord> copy = new ArrayList<>(records);
    copy.sort(Comparator.comparingLong(r -> (Long) r.get("id")));
    return copy;
  }

  @Test
  void genericRecordsRoundTripThroughTheRecordSerializer() {
    KryoRecordSerializer kryo = new KryoRecordSerializer();
    GenericRecord original = order(3);

    GenericRecord back = kryo.fromBytes(kryo.toBytes(original));

    assertThat(back).isEqualTo(original);
    assertThat(back.getSchema()).isEqualTo(SCHEMA);
  }

  @Test
  void writtenRecordsReadBackEqual() throws IOException {
    String out = cluster.uri("/avro/roundtrip");

    long written = AvroSink.save(cluster.ember().parallelize(orders(100), 3), SCHEMA, out);

    assertThat(written).isEqualTo(100);
    assertThat(cluster.files(out))
        .containsExactly("_SUCCESS", "part-00000.avro", "part-00001.avro", "part-00002.avro");
    Dataset<GenericRecord> read = AvroSource.read(cluster.ember(), out);
    assertThat(sortedById(read.collect())).isEqualTo(orders(100));
  }

  @Test
  void aFileOfManySplitsIsReadExactlyOnceWithBlockHostsPreferred() throws IOException {
    String out = cluster.uri("/avro/splits");
    AvroSink.save(
        cluster.ember().parallelize(orders(20_000), 1),
        SCHEMA,
        out,
        AvroWriteOptions.defaults().withCodec("null").withSyncIntervalBytes(1024));

    Dataset<GenericRecord> read = AvroSource.read(cluster.ember(), out);

    assertThat(cluster.files(out)).containsExactly("_SUCCESS", "part-00000.avro");
    assertThat(read.numPartitions()).isGreaterThan(10);
    assertThat(read.preferredLocations(read.partitions()[1])).isNotEmpty();
    assertThat(read.count()).isEqualTo(20_000);
    List<Long> ids = read.map(r -> (Long) r.get("id")).collect();
    assertThat(ids).doesNotHaveDuplicates().hasSize(20_000);
  }

  @Test
  void anEvolvedReaderSchemaReadsOldFilesWithDefaults() throws IOException {
    String out = cluster.uri("/avro/evolution");
    AvroSink.save(cluster.ember().parallelize(orders(10), 2), SCHEMA, out);
    Schema evolved =
        SchemaBuilder.record("Order")
            .namespace("dev.ember.test")
            .fields()
            .requiredLong("id")
            .requiredString("customer")
            .name("currency")
            .type()
            .stringType()
            .stringDefault("EUR")
            .endRecord();

    List<String> rows =
        AvroSource.read(
                cluster.ember(),
                out,
                evolved,
                r -> r.get("id") + "," + r.get("customer") + "," + r.get("currency"))
            .collect();

    assertThat(rows)
        .containsExactlyInAnyOrder(
            IntStream.range(0, 10)
                .mapToObj(i -> i + ",customer-" + (i % 7) + ",EUR")
                .toArray(String[]::new));
  }

  @ParameterizedTest
  @ValueSource(strings = {"null", "deflate", "snappy", "bzip2"})
  void codecsRoundTrip(String codec) throws IOException {
    String out = cluster.uri("/avro/codec-" + codec);

    AvroSink.save(
        cluster.ember().parallelize(orders(50), 2),
        SCHEMA,
        out,
        AvroWriteOptions.defaults().withCodec(codec));

    assertThat(sortedById(AvroSource.read(cluster.ember(), out).collect())).isEqualTo(orders(50));
  }

  @Test
  void aCodecWhoseLibraryIsMissingIsRejectedBeforeTheJob() throws IOException {
    String out = cluster.uri("/avro/zstd");

    assertThatThrownBy(
            () ->
                AvroSink.save(
                    cluster.ember().parallelize(orders(1), 1),
                    SCHEMA,
                    out,
                    AvroWriteOptions.defaults().withCodec("zstandard")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Avro codec \"zstandard\" cannot run here")
        .hasMessageContaining("use snappy, deflate, bzip2 or null");
    assertThat(cluster.files(out)).isEmpty();
  }

  @Test
  void aMissingPathFailsAtReadAndAnEmptyDirectoryIsEmpty() throws IOException {
    String missing = cluster.uri("/avro/missing");
    assertThatThrownBy(() -> AvroSource.read(cluster.ember(), missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("avro: no input at")
        .hasMessageContaining(missing);

    cluster.fs().mkdirs(new org.apache.hadoop.fs.Path("/avro/empty"));
    Dataset<GenericRecord> empty = AvroSource.read(cluster.ember(), cluster.uri("/avro/empty"));
    assertThat(empty.numPartitions()).isZero();
    assertThat(empty.count()).isZero();
  }

  @Test
  void partitionedOutputLeavesPartitionFieldsOutOfTheFiles() throws IOException {
    String out = cluster.uri("/avro/partitioned");

    AvroSink.save(
        cluster.ember().parallelize(orders(6), 1),
        SCHEMA,
        out,
        AvroWriteOptions.defaults().withPartitionBy(List.of("status", "customer")));

    assertThat(cluster.files(out))
        .containsExactly(
            "_SUCCESS",
            "status=OPEN/customer=customer-0/part-00000.avro",
            "status=OPEN/customer=customer-2/part-00000.avro",
            "status=OPEN/customer=customer-4/part-00000.avro",
            "status=SHIPPED/customer=customer-1/part-00000.avro",
            "status=SHIPPED/customer=customer-3/part-00000.avro",
            "status=SHIPPED/customer=customer-5/part-00000.avro");
    List<GenericRecord> inOne =
        AvroSource.read(cluster.ember(), out + "/status=OPEN/customer=customer-2").collect();
    assertThat(inOne).hasSize(1);
    GenericRecord record = inOne.get(0);
    assertThat(record.getSchema().getFields().stream().map(Schema.Field::name))
        .containsExactly("id", "amount", "tags");
    assertThat(record.get("id")).isEqualTo(2L);
    assertThat(record.get("amount")).isEqualTo(3.0);
  }
}
