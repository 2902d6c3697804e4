package dev.ember.serializer;

import java.io.Closeable;
import java.util.Iterator;

/**
 * Reads the records a {@link RecordOutput} wrote, as an iterator. Single-threaded; closes the
 * underlying stream when exhausted or closed.
 */
public interface RecordInput extends Iterator<Object>, Closeable {
  @Override
  void close();
}
