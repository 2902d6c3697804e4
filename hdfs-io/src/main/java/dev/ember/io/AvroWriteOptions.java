package dev.ember.io;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.HashSet;
import java.util.List;

/**
 * How {@link AvroSink} writes: save mode, compression codec, sync interval and the fields to
 * partition the output by. Immutable; build from {@link #defaults()} with the {@code with*}
 * methods.
 *
 * @param mode what to do if the output directory exists
 * @param codec an Avro codec name as {@code org.apache.avro.file.CodecFactory.fromString} takes it:
 *     {@code null} (uncompressed), {@code deflate}, {@code snappy} (the default, as in Spark),
 *     {@code bzip2}; {@code xz} and {@code zstandard} need {@code org.tukaani:xz} / {@code
 *     com.github.luben:zstd-jni}, which Hadoop does not ship, and are rejected before the job
 *     starts unless those libraries are on the classpath
 * @param syncIntervalBytes the approximate size of an Avro block, in uncompressed bytes; a split
 *     boundary can only fall between blocks (Avro's default is 64000; 32 to 2^30 allowed)
 * @param partitionBy top-level fields whose values choose the {@code field=value/} subdirectory of
 *     each record, in nesting order; the files' schema leaves them out (Hive's and Spark's layout)
 */
public record AvroWriteOptions(
    SaveMode mode, String codec, int syncIntervalBytes, List<String> partitionBy)
    implements Serializable {
  /** Avro's own default block size. */
  public static final int DEFAULT_SYNC_INTERVAL = 64000;

  public AvroWriteOptions {
    requireNonNull(mode, "mode is null");
    requireNonNull(codec, "codec is null");
    partitionBy = List.copyOf(partitionBy);
    if (syncIntervalBytes < 32 || syncIntervalBytes > (1 << 30)) {
      throw new IllegalArgumentException(
          "Avro syncIntervalBytes " + syncIntervalBytes + " is out of range; use 32 to 2^30");
    }
    if (new HashSet<>(partitionBy).size() != partitionBy.size()) {
      throw new IllegalArgumentException("partitionBy names a field twice: " + partitionBy);
    }
  }

  /** Error if the output exists, snappy, Avro's default sync interval, not partitioned. */
  public static AvroWriteOptions defaults() {
    return new AvroWriteOptions(
        SaveMode.ERROR_IF_EXISTS, "snappy", DEFAULT_SYNC_INTERVAL, List.of());
  }

  public AvroWriteOptions withMode(SaveMode newMode) {
    return new AvroWriteOptions(newMode, codec, syncIntervalBytes, partitionBy);
  }

  public AvroWriteOptions withCodec(String newCodec) {
    return new AvroWriteOptions(mode, newCodec, syncIntervalBytes, partitionBy);
  }

  public AvroWriteOptions withSyncIntervalBytes(int bytes) {
    return new AvroWriteOptions(mode, codec, bytes, partitionBy);
  }

  /** Partition the output by these top-level fields, outermost first. */
  public AvroWriteOptions withPartitionBy(List<String> fields) {
    return new AvroWriteOptions(mode, codec, syncIntervalBytes, fields);
  }
}
