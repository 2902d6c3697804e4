package dev.ember.io.avro;

import static java.util.Objects.requireNonNull;

import dev.ember.io.write.FormatWriter;
import dev.ember.io.write.PartFileWriter;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * The Avro {@link FormatWriter}: an Avro object container file per part file, written by Avro's own
 * {@link DataFileWriter}. When the output is partitioned, the file schema leaves the partition
 * fields out and each record is copied into it. Immutable and serializable (schemas travel as
 * JSON).
 */
public final class AvroFormatWriter implements FormatWriter<GenericRecord> {
  private static final long serialVersionUID = 1L;

  private final String fileSchemaJson;
  private final boolean projects;
  private final String codec;
  private final int syncInterval;

  /**
   * @param fileSchema the schema written into the files
   * @param projects whether records have more fields than {@code fileSchema} (partition fields) and
   *     must be copied into it
   * @param codec the codec name, already checked with {@link AvroCodecs#checked}
   * @param syncInterval the approximate block size in bytes
   */
  public AvroFormatWriter(Schema fileSchema, boolean projects, String codec, int syncInterval) {
    this.fileSchemaJson = requireNonNull(fileSchema, "fileSchema is null").toString();
    this.projects = projects;
    this.codec = requireNonNull(codec, "codec is null");
    this.syncInterval = syncInterval;
  }

  @Override
  public String extension() {
    return ".avro";
  }

  @Override
  public PartFileWriter<GenericRecord> open(OutputStream out) throws IOException {
    Schema schema = new Schema.Parser().parse(fileSchemaJson);
    DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema));
    writer.setCodec(org.apache.avro.file.CodecFactory.fromString(codec));
    writer.setSyncInterval(syncInterval);
    writer.create(schema, out);
    return new PartFileWriter<>() {
      @Override
      public void write(GenericRecord record) throws IOException {
        GenericRecord toWrite = projects ? project(record, schema) : record;
        try {
          writer.append(toWrite);
        } catch (DataFileWriter.AppendWriteException e) {
          throw new IllegalArgumentException(
              "record does not match the Avro schema "
                  + schema.getFullName()
                  + " given to AvroSink.save: "
                  + e.getMessage()
                  + "; record: "
                  + record,
              e);
        }
      }

      @Override
      public void close() throws IOException {
        writer.close();
      }
    };
  }

  private static GenericRecord project(GenericRecord record, Schema schema) {
    GenericData.Record copy = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      copy.put(f.pos(), record.get(f.name()));
    }
    return copy;
  }
}
