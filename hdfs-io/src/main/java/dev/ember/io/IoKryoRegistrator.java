package dev.ember.io;

import com.esotericsoftware.kryo.Kryo;
import dev.ember.io.avro.AvroDatumKryoSerializer;
import dev.ember.serializer.KryoRegistrator;
import org.apache.avro.generic.GenericData;

/**
 * Adds hdfs-io's record types to every Kryo instance of the engine's record serializer, so datasets
 * of {@link Row}s and of Avro {@code GenericRecord}s can be parallelized, shuffled, cached and
 * collected: {@link RowKryoSerializer} for rows, {@link AvroDatumKryoSerializer} for Avro's generic
 * data classes. Found through {@code META-INF/services}; called once per Kryo instance; stateless.
 */
public final class IoKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.addDefaultSerializer(Row.class, new RowKryoSerializer());
    AvroDatumKryoSerializer avro = new AvroDatumKryoSerializer();
    kryo.addDefaultSerializer(GenericData.Record.class, avro);
    kryo.addDefaultSerializer(GenericData.Array.class, avro);
    kryo.addDefaultSerializer(GenericData.EnumSymbol.class, avro);
    kryo.addDefaultSerializer(GenericData.Fixed.class, avro);
  }
}
