package dev.ember.io;

import static java.util.Objects.requireNonNull;

import dev.ember.Dataset;
import dev.ember.EmberSession;
import dev.ember.function.Function;
import dev.ember.io.avro.AvroDataset;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads Avro object container files as a dataset of {@link GenericRecord}s (Spark's {@code
 * spark.read.format("avro")} at the RDD level). Files are split at Avro sync markers by Hadoop's
 * split computation, each record is read exactly once, and each partition prefers the hosts of its
 * split's blocks. Hidden files ({@code _SUCCESS}, {@code .crc}) and subdirectories are skipped; an
 * empty directory gives an empty dataset.
 *
 * <p>Records cross shuffles and {@code collect} through the record serializer: hdfs-io registers a
 * Kryo serializer that writes each record's schema and its Avro binary encoding.
 *
 * <p>Called on the driver, which lists the input and computes the splits at once.
 */
public final class AvroSource {
  private AvroSource() {}

  /**
   * The records of the Avro files at {@code path}, each read with its file's schema.
   *
   * @param path a file, a directory of files or a glob, as a Hadoop path or URI
   * @throws IllegalArgumentException if {@code path} does not exist (the input is listed now)
   */
  public static Dataset<GenericRecord> read(EmberSession session, String path) {
    return planned(new AvroDataset(session, path, Optional.empty()));
  }

  /**
   * The records of the Avro files at {@code path}, resolved to {@code readerSchema} by Avro's
   * schema resolution (a field added with a default reads old files with the default).
   *
   * @throws IllegalArgumentException if {@code path} does not exist (the input is listed now); in a
   *     task (as the cause of a {@link dev.ember.JobFailedException}) if a file's schema cannot be
   *     resolved to {@code readerSchema}
   */
  public static Dataset<GenericRecord> read(
      EmberSession session, String path, Schema readerSchema) {
    return planned(
        new AvroDataset(
            session, path, Optional.of(requireNonNull(readerSchema, "schema is null"))));
  }

  // Like Spark's DataFrameReader, list the input now: a wrong path fails here, before any job.
  private static Dataset<GenericRecord> planned(AvroDataset dataset) {
    dataset.numPartitions();
    return dataset;
  }

  /** As {@link #read(EmberSession, String, Schema)}, mapping each record to a typed value. */
  public static <T> Dataset<T> read(
      EmberSession session, String path, Schema readerSchema, Function<GenericRecord, T> mapper) {
    return read(session, path, readerSchema).map(requireNonNull(mapper, "mapper is null"));
  }
}
