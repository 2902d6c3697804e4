package dev.ember.io.write;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * A file format's writer factory (text, CSV, Avro): shipped to tasks, which open one {@link
 * PartFileWriter} per part file. Implementations are immutable and serializable.
 *
 * @param <T> the records written
 */
public interface FormatWriter<T> extends Serializable {
  /** The part file name extension including the dot ({@code ".csv"}), or empty for none. */
  String extension();

  /**
   * Starts a part file on {@code out}; the writer owns the stream and closes it.
   *
   * @throws IOException if the file's header cannot be written
   */
  PartFileWriter<T> open(OutputStream out) throws IOException;
}
