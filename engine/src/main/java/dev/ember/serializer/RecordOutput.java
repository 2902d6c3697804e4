package dev.ember.serializer;

import java.io.Closeable;

/** Writes a sequence of records to a stream. Single-threaded; close to flush. */
public interface RecordOutput extends Closeable {
  /** Appends one record (may be {@code null}). */
  void write(Object record);

  /** Flushes buffered bytes to the underlying stream. */
  void flush();

  /** Flushes and closes the underlying stream. Does not throw checked exceptions. */
  @Override
  void close();
}
