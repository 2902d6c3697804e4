package dev.ember.io;

import static java.util.Objects.requireNonNull;

import dev.ember.Dataset;
import dev.ember.io.avro.AvroCodecs;
import dev.ember.io.avro.AvroFormatWriter;
import dev.ember.io.write.DirectoryFunction;
import dev.ember.io.write.FileWriteJob;
import dev.ember.io.write.HivePartitionPaths;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes {@link GenericRecord}s as Avro object container files ({@code part-00000.avro}, ...) with
 * Avro's own {@code DataFileWriter}, committed through Hadoop's {@code FileOutputCommitter} with
 * {@code _SUCCESS} written last; optionally partitioned into Hive-style {@code field=value/}
 * directories. The files are splittable at Avro sync markers and readable by {@link AvroSource},
 * Spark, Hive and {@code avro-tools}. Called on the driver; blocks until the job ends.
 */
public final class AvroSink {
  private static final Set<Schema.Type> PARTITION_TYPES =
      EnumSet.of(
          Schema.Type.STRING,
          Schema.Type.ENUM,
          Schema.Type.INT,
          Schema.Type.LONG,
          Schema.Type.BOOLEAN,
          Schema.Type.FLOAT,
          Schema.Type.DOUBLE);

  private AvroSink() {}

  /**
   * Saves {@code records}, each of record schema {@code schema}, in directory {@code path}.
   *
   * @param path a Hadoop path or URI
   * @return the number of records written
   * @throws IllegalArgumentException before any task runs if {@code schema} is not a record schema,
   *     a partition field is missing or not of a primitive type (optionally nullable), the codec is
   *     unknown or cannot run here, or {@code path} exists and the mode forbids it; during the job
   *     (as the cause of a {@link dev.ember.JobFailedException}) if a record does not match {@code
   *     schema}
   * @throws dev.ember.JobFailedException if a task fails too often; nothing becomes visible
   */
  public static long save(
      Dataset<GenericRecord> records, Schema schema, String path, AvroWriteOptions options) {
    requireNonNull(schema, "schema is null");
    requireNonNull(options, "options is null");
    if (schema.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(
          "AvroSink.save: schema of " + path + " must be a record schema, not " + schema.getType());
    }
    AvroCodecs.checked(options.codec());
    List<String> names = options.partitionBy();
    for (String name : names) {
      checkPartitionField(schema, name, path);
    }
    boolean partitioned = !names.isEmpty();
    Schema fileSchema = partitioned ? withoutFields(schema, names, path) : schema;
    AvroFormatWriter format =
        new AvroFormatWriter(fileSchema, partitioned, options.codec(), options.syncIntervalBytes());
    DirectoryFunction<GenericRecord> dirs =
        partitioned
            ? record -> {
              List<String> values = new ArrayList<>(names.size());
              for (String name : names) {
                Object value = record.get(name);
                values.add(value == null ? null : value.toString());
              }
              return HivePartitionPaths.directory(names, values);
            }
            : DirectoryFunction.none();
    return FileWriteJob.run(
        records, path, options.mode(), "AvroSink.save", format, dirs, partitioned);
  }

  /** As {@link #save(Dataset, Schema, String, AvroWriteOptions)} with the default options. */
  public static long save(Dataset<GenericRecord> records, Schema schema, String path) {
    return save(records, schema, path, AvroWriteOptions.defaults());
  }

  private static void checkPartitionField(Schema schema, String name, String path) {
    Schema.Field field = schema.getField(name);
    if (field == null) {
      throw new IllegalArgumentException(
          "AvroSink.save: partition field "
              + name
              + " of "
              + path
              + " is not in schema "
              + schema.getFullName()
              + "; its fields are "
              + schema.getFields().stream().map(Schema.Field::name).toList());
    }
    Schema type = field.schema();
    if (type.isNullable() && type.getType() == Schema.Type.UNION) {
      List<Schema> branches =
          type.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
      type = branches.size() == 1 ? branches.get(0) : type;
    }
    if (!PARTITION_TYPES.contains(type.getType())) {
      throw new IllegalArgumentException(
          "AvroSink.save: cannot partition "
              + path
              + " by field "
              + name
              + " of type "
              + field.schema()
              + "; partition fields must be strings, enums, numbers or booleans (optionally"
              + " nullable)");
    }
  }

  private static Schema withoutFields(Schema schema, List<String> names, String path) {
    List<Schema.Field> kept = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      if (!names.contains(f.name())) {
        kept.add(new Schema.Field(f, f.schema()));
      }
    }
    if (kept.isEmpty()) {
      throw new IllegalArgumentException(
          "AvroSink.save: every field of "
              + path
              + " is a partition field "
              + names
              + "; leave at least one field out of partitionBy");
    }
    return Schema.createRecord(
        schema.getName(), schema.getDoc(), schema.getNamespace(), schema.isError(), kept);
  }
}
