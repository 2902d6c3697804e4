package dev.ember.shuffle;

import dev.ember.scheduler.MapStatus;
import java.io.IOException;
import java.io.InputStream;

/**
 * Opens a shuffle block wherever its map output lives: the local executor's files now, a remote
 * executor's shuffle server later. Implementations are thread-safe.
 */
public interface ShuffleBlockFetcher {
  /**
   * Opens the bytes {@code location}'s map task wrote for {@code reduceId} of {@code shuffleId}.
   *
   * @throws IOException if the block cannot be read; the reader turns it into a {@link
   *     FetchFailedException}
   */
  InputStream open(int shuffleId, MapStatus location, int reduceId) throws IOException;
}
