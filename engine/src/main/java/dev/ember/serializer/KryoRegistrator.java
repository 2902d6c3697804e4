package dev.ember.serializer;

import com.esotericsoftware.kryo.Kryo;

/**
 * Adds serializers to the record serializer's Kryo instances for classes Kryo cannot handle by
 * reflection, e.g. Avro's {@code GenericData.Record} (Spark's {@code spark.kryo.registrator} and
 * its built-in Avro serializer). Implementations are found through {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/dev.ember.serializer.KryoRegistrator} entry) with the context class
 * loader of the thread that creates the Kryo instance, and called once per new instance, on driver
 * and executor threads alike; they must be stateless and thread-safe.
 */
public interface KryoRegistrator {
  /** Registers default serializers on {@code kryo}, which is not yet in use. */
  void registerClasses(Kryo kryo);
}
