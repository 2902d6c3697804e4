package dev.ember.io.avro;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import org.apache.avro.file.SeekableInput;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * Avro's {@link SeekableInput} over a Hadoop stream, so Avro's {@code DataFileReader} can seek to a
 * split's sync marker on any Hadoop FileSystem (the role of avro-mapred's {@code FsInput}, which
 * Ember does not depend on). Owned by one task thread.
 */
final class HadoopSeekableInput implements SeekableInput {
  private final FSDataInputStream in;
  private final long length;

  /**
   * @param in the open file; closed by {@link #close}
   * @param length the file length in bytes
   */
  HadoopSeekableInput(FSDataInputStream in, long length) {
    this.in = requireNonNull(in, "in is null");
    this.length = length;
  }

  @Override
  public void seek(long p) throws IOException {
    in.seek(p);
  }

  @Override
  public long tell() throws IOException {
    return in.getPos();
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return in.read(b, off, len);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
