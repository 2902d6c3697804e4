package dev.ember.io;

import static java.util.Objects.requireNonNull;

/**
 * One line (record) of a text split, as Hadoop's {@code LineRecordReader} returns it.
 *
 * @param offset the byte offset of the line's start in the file (for a splittable compressed file,
 *     a position in the compressed stream)
 * @param text the line without its delimiter
 */
record Line(long offset, String text) {
  Line {
    requireNonNull(text, "text is null");
  }
}
