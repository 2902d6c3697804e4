package dev.ember.io.write;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes the records of one part file. Owned by one task thread; {@link #close} flushes and closes
 * the underlying stream.
 *
 * @param <T> the records written
 */
public interface PartFileWriter<T> extends Closeable {
  /**
   * Appends one record.
   *
   * @throws IOException if the file system fails
   * @throws IllegalArgumentException if the record does not fit the file's schema
   */
  void write(T record) throws IOException;
}
