package dev.ember.serializer;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Java serialization for tasks: datasets with their lineage and the user closures they hold. When
 * something is not serializable, the error names the path to it, e.g. {@code captured argument 0
 * (class com.acme.Job) of lambda com.acme.Job.lambda$main$0}, found by {@link
 * SerializationPathFinder}. Deserialization resolves classes through the thread's context class
 * loader. Thread-safe.
 */
public final class ClosureSerializer {
  /**
   * Serializes {@code value}.
   *
   * @param what a description of the value for error messages (e.g. "stage 3 (map at X.java:10)")
   * @throws SerializationException naming the class and field that cannot be serialized
   */
  public byte[] serialize(Object value, String what) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      String path = SerializationPathFinder.find(value).orElse("class " + e.getMessage());
      throw new SerializationException(
          "Task not serializable: "
              + what
              + " references an object that does not implement java.io.Serializable: "
              + path
              + ". Make that class Serializable, mark the field transient, or create the object"
              + " inside the function instead of capturing it.",
          e);
    } catch (IOException e) {
      throw new SerializationException("Task not serializable: " + what + ": " + e, e);
    }
    return bytes.toByteArray();
  }

  /**
   * Deserializes bytes made by {@link #serialize}.
   *
   * @throws SerializationException if a class is missing or the bytes are corrupt
   */
  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
  public <T> T deserialize(byte[] bytes) {
    try (ObjectInputStream in = new ContextClassLoaderInput(new ByteArrayInputStream(bytes))) {
      return (T) in.readObject();
    } catch (IOException | ClassNotFoundException e) {
      throw new SerializationException("cannot deserialize a task: " + e, e);
    }
  }

  private static final class ContextClassLoaderInput extends ObjectInputStream {
    ContextClassLoaderInput(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc)
        throws IOException, ClassNotFoundException {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      if (loader != null) {
        try {
          return Class.forName(desc.getName(), false, loader);
        } catch (ClassNotFoundException e) {
          // Fall back to the default resolution (primitives, bootstrap classes).
        }
      }
      return super.resolveClass(desc);
    }
  }
}
