package dev.ember.io;

import com.esotericsoftware.kryo.Kryo;
import dev.ember.serializer.KryoRegistrator;

/**
 * Registers {@link RowKryoSerializer} for these tests until the hdfs-write branch's {@code
 * IoKryoRegistrator} (which does the same for the product) is merged; then delete this class and
 * its services entry.
 */
public final class RowKryoTestRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    kryo.addDefaultSerializer(Row.class, new RowKryoSerializer());
  }
}
