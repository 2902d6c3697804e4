package dev.ember.io;

import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.Decompressor;

/**
 * Explains why a compressed input file cannot be decoded, naming the codec and the fix. Hadoop
 * picks the codec from the file name's extension ({@code .gz}, {@code .bz2}, {@code .snappy},
 * {@code .zst}, {@code .lz4}, {@code .deflate}). With Hadoop 3.5.0 and no native libhadoop, gzip,
 * bzip2, deflate and snappy (through snappy-java) decode in pure Java; zstd needs libhadoop built
 * with zstd, and lz4 needs the lz4-java jar, which hadoop-common declares as {@code provided}.
 */
final class Codecs {
  private Codecs() {}

  /** The codec Hadoop would use for {@code file}, if its extension names one. */
  static Optional<CompressionCodec> codecOf(Configuration conf, Path file) {
    return Optional.ofNullable(new CompressionCodecFactory(conf).getCodec(file));
  }

  /**
   * Checks that {@code codec} can decode on this machine by borrowing a decompressor from Hadoop's
   * pool (where native or optional libraries are loaded), so that a missing library is reported
   * with its fix rather than as a bare {@code NoClassDefFoundError}.
   *
   * @throws UnsupportedOperationException from {@link #cannotDecode} if it cannot
   */
  static void checkUsable(Path file, CompressionCodec codec) {
    Decompressor decompressor;
    try {
      decompressor = CodecPool.getDecompressor(codec);
    } catch (RuntimeException | LinkageError e) {
      throw cannotDecode(file, codec, e);
    }
    CodecPool.returnDecompressor(decompressor);
  }

  /**
   * An error for a failure to open {@code file} through {@code codec}, saying what to do.
   *
   * @param cause what Hadoop threw: typically a {@code RuntimeException} (native library missing)
   *     or a {@code NoClassDefFoundError} (codec library missing)
   */
  static UnsupportedOperationException cannotDecode(
      Path file, CompressionCodec codec, Throwable cause) {
    String name = codec.getClass().getSimpleName();
    String fix =
        switch (name) {
          case "ZStandardCodec" ->
              "Hadoop's ZStandardCodec has no pure-Java decoder: install Hadoop's native library"
                  + " (libhadoop built with zstd, plus libzstd) on every node and put its directory"
                  + " on java.library.path (HADOOP_HOME/lib/native), or recompress the input with"
                  + " gzip or bzip2";
          case "Lz4Codec" ->
              "Hadoop's Lz4Codec needs the lz4-java jar (at.yawk.lz4:lz4-java, the version Hadoop"
                  + " ships in share/hadoop/common/lib) on the classpath: add it to"
                  + " yarn.application.classpath or the application's jars";
          default ->
              "check that the file really is "
                  + codec.getDefaultExtension()
                  + " data and that the codec's libraries are installed on every node";
        };
    return new UnsupportedOperationException(
        "cannot decompress " + file + " with " + name + " (" + cause + "): " + fix, cause);
  }
}
