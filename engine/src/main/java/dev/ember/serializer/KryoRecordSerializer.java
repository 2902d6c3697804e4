package dev.ember.serializer;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.Pool;
import dev.ember.Pair;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.ServiceLoader;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The record serializer: Kryo 5 with unregistered classes allowed, reference tracking on (cyclic
 * and shared object graphs round-trip, as Spark's {@code spark.kryo.referenceTracking=true}), and
 * instantiation without no-arg constructors. Java records, {@code List.of}-style immutable
 * collections and {@link java.util.Optional} are supported; modules add serializers for other
 * classes through {@link KryoRegistrator}. Classes are resolved through the thread's context class
 * loader, so an application's own classes work on executors.
 *
 * <p>Thread-safe: Kryo instances are pooled (Kryo itself is not thread-safe).
 */
public final class KryoRecordSerializer implements RecordSerializer {
  private static final int BUFFER_SIZE = 32 << 10;

  private static final List<Class<?>> REGISTERED =
      List.of(
          Pair.class,
          ArrayList.class,
          HashMap.class,
          Object[].class,
          java.util.Optional.class,
          java.math.BigDecimal.class,
          java.time.LocalDate.class);

  private final Pool<Kryo> pool =
      new Pool<>(true, false, 64) {
        @Override
        protected Kryo create() {
          return newKryo();
        }
      };

  private static Kryo newKryo() {
    Kryo kryo = new Kryo();
    kryo.setRegistrationRequired(false);
    kryo.setReferences(true);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
    ReadOnlyCollectionSerializers.register(kryo);
    // Classes written with nearly every shuffled record get fixed ids, so their names are not
    // written per record. Ids are part of the wire format: append new ones, never reorder.
    int id = 100;
    for (Class<?> c : REGISTERED) {
      kryo.register(c, id++);
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (KryoRegistrator registrator : ServiceLoader.load(KryoRegistrator.class, loader)) {
      registrator.registerClasses(kryo);
    }
    return kryo;
  }

  private Kryo borrow() {
    Kryo kryo = pool.obtain();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader != null && kryo.getClassLoader() != loader) {
      kryo.setClassLoader(loader);
    }
    return kryo;
  }

  @Override
  public byte[] toBytes(Object value) {
    Kryo kryo = borrow();
    try {
      Output output = new Output(256, -1);
      kryo.writeClassAndObject(output, value);
      return output.toBytes();
    } catch (KryoException e) {
      throw new SerializationException(describe("serialize", value, e), e);
    } finally {
      pool.free(kryo);
    }
  }

  @Override
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
  public <T> T fromBytes(byte[] bytes) {
    Kryo kryo = borrow();
    try {
      return (T) kryo.readClassAndObject(new Input(bytes));
    } catch (KryoException e) {
      throw new SerializationException("cannot deserialize a record: " + e.getMessage(), e);
    } finally {
      pool.free(kryo);
    }
  }

  @Override
  public RecordOutput openOutput(OutputStream out) {
    Kryo kryo = borrow();
    Output output = new Output(out, BUFFER_SIZE);
    return new RecordOutput() {
      private boolean closed;

      @Override
      public void write(Object record) {
        try {
          kryo.writeClassAndObject(output, record);
        } catch (KryoException e) {
          throw new SerializationException(describe("serialize", record, e), e);
        }
      }

      @Override
      public void flush() {
        output.flush();
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          try {
            output.close();
          } finally {
            pool.free(kryo);
          }
        }
      }
    };
  }

  @Override
  public RecordInput openInput(InputStream in) {
    Kryo kryo = borrow();
    Input input = new Input(in, BUFFER_SIZE);
    return new RecordInput() {
      private boolean closed;

      @Override
      public boolean hasNext() {
        if (closed) {
          return false;
        }
        boolean more;
        try {
          more = !input.end();
        } catch (KryoException e) {
          close();
          throw new SerializationException("cannot read a record stream: " + e.getMessage(), e);
        }
        if (!more) {
          close();
        }
        return more;
      }

      @Override
      public Object next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        try {
          return kryo.readClassAndObject(input);
        } catch (KryoException e) {
          close();
          throw new SerializationException("cannot deserialize a record: " + e.getMessage(), e);
        }
      }

      @Override
      public void close() {
        if (!closed) {
          closed = true;
          try {
            input.close();
          } finally {
            pool.free(kryo);
          }
        }
      }
    };
  }

  private static String describe(String verb, Object value, KryoException e) {
    String type = value == null ? "null" : value.getClass().getName();
    return "cannot " + verb + " a record of class " + type + ": " + e.getMessage();
  }
}
