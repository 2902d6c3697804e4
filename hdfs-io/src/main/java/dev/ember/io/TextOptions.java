package dev.ember.io;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * Options of {@link TextSource}: the record delimiter and how the input is split. Immutable; build
 * with {@link #builder()}.
 *
 * @param recordDelimiter the byte sequence (UTF-8) that ends a record, Hadoop's {@code
 *     textinputformat.record.delimiter}; empty for Hadoop's default of {@code \n}, {@code \r} or
 *     {@code \r\n}
 * @param split how files are cut into partitions
 */
public record TextOptions(Optional<String> recordDelimiter, SplitOptions split) {
  /** Lines ended by {@code \n}, {@code \r} or {@code \r\n}, with {@link SplitOptions#DEFAULT}. */
  public static final TextOptions DEFAULT = builder().build();

  public TextOptions {
    requireNonNull(recordDelimiter, "recordDelimiter is null");
    requireNonNull(split, "split is null");
    recordDelimiter.ifPresent(
        d -> checkArgument(!d.isEmpty(), "the record delimiter must not be empty"));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link TextOptions}; not thread-safe. */
  public static final class Builder {
    private Optional<String> recordDelimiter = Optional.empty();
    private SplitOptions split = SplitOptions.DEFAULT;

    private Builder() {}

    /** Records end with {@code delimiter} (e.g. {@code "\u0001"} or {@code "||"}), not lines. */
    public Builder recordDelimiter(String delimiter) {
      this.recordDelimiter = Optional.of(delimiter);
      return this;
    }

    /** See {@link SplitOptions#minPartitions()}. */
    public Builder minPartitions(int value) {
      split = split.withMinPartitions(value);
      return this;
    }

    /** See {@link SplitOptions#minSplitSize()}; in bytes. */
    public Builder minSplitSize(long bytes) {
      split = split.withMinSplitSize(bytes);
      return this;
    }

    /** See {@link SplitOptions#maxSplitSize()}; in bytes. */
    public Builder maxSplitSize(long bytes) {
      split = split.withMaxSplitSize(bytes);
      return this;
    }

    /** See {@link SplitOptions#recursive()}. */
    public Builder recursive(boolean value) {
      split = split.withRecursive(value);
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException if an option is out of range
     */
    public TextOptions build() {
      return new TextOptions(recordDelimiter, split);
    }
  }
}
