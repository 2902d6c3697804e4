package dev.ember.serializer;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Serializes records: the elements of datasets that cross a shuffle, are cached on disk, are
 * returned to the driver or are held in {@code parallelize} slices. Implementations are
 * thread-safe; the streams they open are not (one task thread each).
 */
public interface RecordSerializer {
  /** Serializes one object (may be {@code null}) to a new byte array. */
  byte[] toBytes(Object value);

  /**
   * Reads an object written by {@link #toBytes}.
   *
   * @throws SerializationException if the bytes are not a valid record for this serializer
   */
  @SuppressWarnings("TypeParameterUnusedInFormals")
  <T> T fromBytes(byte[] bytes);

  /** Opens a stream that writes records to {@code out}; closing it closes {@code out}. */
  RecordOutput openOutput(OutputStream out);

  /**
   * Opens a stream over records written by a {@link RecordOutput}; closing it closes {@code in}.
   */
  RecordInput openInput(InputStream in);
}
