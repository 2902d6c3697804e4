package dev.ember.io.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;

/** Checks on the driver that an Avro codec exists and works in this JVM. Stateless. */
public final class AvroCodecs {
  private AvroCodecs() {}

  /**
   * The codec named {@code name}, after writing a tiny Avro file with it in memory, so a codec
   * whose library is missing fails before any task runs rather than in every task.
   *
   * @throws IllegalArgumentException naming the codec, the missing class and what to do
   */
  public static CodecFactory checked(String name) {
    CodecFactory factory;
    try {
      factory = CodecFactory.fromString(name);
    } catch (AvroRuntimeException e) {
      throw new IllegalArgumentException(
          "unknown Avro codec \""
              + name
              + "\"; use null, deflate, snappy, bzip2, xz or zstandard ("
              + e.getMessage()
              + ")",
          e);
    }
    try {
      Schema schema = Schema.create(Schema.Type.INT);
      try (DataFileWriter<Integer> probe = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
        probe.setCodec(factory);
        probe.create(schema, new ByteArrayOutputStream());
        probe.append(42);
      }
    } catch (LinkageError | IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "Avro codec \""
              + name
              + "\" cannot run here: "
              + e
              + "; its library is not on the classpath (Hadoop ships snappy-java and"
              + " commons-compress, not xz or zstd-jni); use snappy, deflate, bzip2 or null, or add"
              + " the library to the application",
          e);
    }
    return factory;
  }
}
