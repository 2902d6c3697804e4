package dev.ember.io;

import com.esotericsoftware.kryo.Kryo;
import dev.ember.io.avro.AvroDatumKryoSerializer;
import dev.ember.serializer.KryoRegistrator;
import org.apache.avro.generic.GenericData;

/**
 * Adds Avro's generic data classes to every Kryo instance of the engine's record serializer, so
 * datasets of Avro {@code GenericRecord}s can be parallelized, shuffled, cached and collected
 * ({@link AvroDatumKryoSerializer}). ({@link Row}s need nothing: the engine's Kryo handles records
 * and read-only lists.) Found through {@code META-INF/services}; called once per Kryo instance;
 * stateless.
 */
public final class IoKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    AvroDatumKryoSerializer avro = new AvroDatumKryoSerializer();
    kryo.addDefaultSerializer(GenericData.Record.class, avro);
    kryo.addDefaultSerializer(GenericData.Array.class, avro);
    kryo.addDefaultSerializer(GenericData.EnumSymbol.class, avro);
    kryo.addDefaultSerializer(GenericData.Fixed.class, avro);
  }
}
