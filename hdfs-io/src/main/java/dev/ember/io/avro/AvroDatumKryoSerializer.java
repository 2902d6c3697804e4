package dev.ember.io.avro;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Kryo serializer for Avro generic data ({@code GenericData.Record}, {@code Array}, {@code
 * EnumSymbol}, {@code Fixed}), which Kryo's reflective serializer cannot rebuild (Avro's {@code
 * Schema} holds unmodifiable collections). Each value is written as its schema's JSON followed by
 * the value's Avro binary encoding, like Spark's {@code GenericAvroSerializer} for unregistered
 * schemas; parsed schemas are cached by their JSON, so a shuffle of many records parses each schema
 * once per JVM. The schema text costs some bytes per record; it keeps every record self-describing,
 * whatever stream or process reads it.
 *
 * <p>Thread-safe: stateless apart from the concurrent schema cache.
 */
public final class AvroDatumKryoSerializer extends Serializer<GenericContainer> {
  private static final int MAX_CACHED_SCHEMAS = 1024;
  private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

  public AvroDatumKryoSerializer() {
    setImmutable(false);
  }

  @Override
  public void write(Kryo kryo, Output output, GenericContainer value) {
    Schema schema = value.getSchema();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
    try {
      new GenericDatumWriter<Object>(schema).write(value, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new KryoException(
          "cannot encode an Avro value of schema " + schema.getFullName() + ": " + e, e);
    }
    output.writeString(schema.toString());
    output.writeVarInt(bytes.size(), true);
    output.writeBytes(bytes.toByteArray());
  }

  @Override
  public GenericContainer read(Kryo kryo, Input input, Class<? extends GenericContainer> type) {
    Schema schema = schema(input.readString());
    byte[] bytes = input.readBytes(input.readVarInt(true));
    try {
      return (GenericContainer)
          new GenericDatumReader<Object>(schema)
              .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    } catch (IOException | RuntimeException e) {
      throw new KryoException(
          "cannot decode an Avro value of schema " + schema.getFullName() + ": " + e, e);
    }
  }

  private static Schema schema(String json) {
    Schema cached = SCHEMAS.get(json);
    if (cached != null) {
      return cached;
    }
    if (SCHEMAS.size() >= MAX_CACHED_SCHEMAS) {
      SCHEMAS.clear();
    }
    return SCHEMAS.computeIfAbsent(json, j -> new Schema.Parser().parse(j));
  }
}
