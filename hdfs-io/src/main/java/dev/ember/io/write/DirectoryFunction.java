package dev.ember.io.write;

import java.io.Serializable;

/**
 * Chooses the subdirectory of the output that a record goes to: empty for unpartitioned output,
 * {@code year=2024/country=NL} for output partitioned by column values. Runs on task threads;
 * implementations are immutable and serializable.
 *
 * @param <T> the records written
 */
@FunctionalInterface
public interface DirectoryFunction<T> extends Serializable {
  /** Every record in the output directory itself. */
  static <T> DirectoryFunction<T> none() {
    return record -> "";
  }

  /** The relative directory of {@code record}, without leading or trailing slash. */
  String directoryOf(T record);
}
