package dev.ember.shuffle;

import static java.util.Objects.requireNonNull;

import com.google.common.io.ByteStreams;
import dev.ember.storage.LocalDirs;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The on-disk layout of map outputs (Spark's {@code IndexShuffleBlockResolver}): each map task
 * writes one data file with its records grouped by reduce partition, and an index file of {@code
 * numPartitions + 1} big-endian longs giving each partition's start offset. Both are committed by
 * atomic rename, so a reducer never sees a half-written output. Thread-safe.
 */
public final class ShuffleFiles {
  private final LocalDirs dirs;

  public ShuffleFiles(LocalDirs dirs) {
    this.dirs = requireNonNull(dirs, "dirs is null");
  }

  public Path dataFile(int shuffleId, int mapId) {
    return dirs.file("shuffle_" + shuffleId + "_" + mapId + ".data");
  }

  public Path indexFile(int shuffleId, int mapId) {
    return dirs.file("shuffle_" + shuffleId + "_" + mapId + ".index");
  }

  /** A temporary path for a map task to write its data file into before {@link #commit}. */
  public Path tempDataFile(int shuffleId, int mapId) {
    return dirs.newTempFile("shuffle_" + shuffleId + "_" + mapId + ".data.tmp");
  }

  /**
   * Writes the index for {@code lengths} and moves {@code tempData} into place. A later attempt of
   * the same map task replaces an earlier one's output; both are complete, so either is correct.
   */
  public void commit(int shuffleId, int mapId, Path tempData, long[] lengths) {
    Path tempIndex = dirs.newTempFile("shuffle_" + shuffleId + "_" + mapId + ".index.tmp");
    try {
      try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(tempIndex))) {
        long offset = 0;
        out.writeLong(0);
        for (long length : lengths) {
          offset += length;
          out.writeLong(offset);
        }
      }
      Files.move(tempData, dataFile(shuffleId, mapId), StandardCopyOption.REPLACE_EXISTING);
      Files.move(tempIndex, indexFile(shuffleId, mapId), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot commit map output of shuffle " + shuffleId + ", map " + mapId, e);
    }
  }

  /**
   * Opens the bytes map {@code mapId} wrote for {@code reduceId}.
   *
   * @throws IOException if the files are missing or unreadable (the caller reports a fetch failure)
   */
  public InputStream openBlock(int shuffleId, int mapId, int reduceId) throws IOException {
    long start;
    long end;
    try (DataInputStream index =
        new DataInputStream(Files.newInputStream(indexFile(shuffleId, mapId)))) {
      index.skipNBytes(8L * reduceId);
      start = index.readLong();
      end = index.readLong();
    }
    FileChannel channel = FileChannel.open(dataFile(shuffleId, mapId), StandardOpenOption.READ);
    channel.position(start);
    return ByteStreams.limit(Channels.newInputStream(channel), end - start);
  }

  /** Deletes every map output of a shuffle held here. */
  public void removeShuffle(int shuffleId, int numMaps) {
    for (int m = 0; m < numMaps; m++) {
      try {
        Files.deleteIfExists(dataFile(shuffleId, m));
        Files.deleteIfExists(indexFile(shuffleId, m));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete output of shuffle " + shuffleId, e);
      }
    }
  }
}
