package dev.ember.io;

import static java.util.Objects.requireNonNull;

import java.util.OptionalLong;

/**
 * A malformed CSV record in {@link CsvParseMode#FAILFAST} mode (or an unreadable header in any
 * mode). A user error: the message names the file, the line where the record starts (or its byte
 * offset when the line cannot be known, e.g. inside a split of a bzip2 file), the reason and the
 * record's start, and says how to go on.
 */
public final class MalformedCsvException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int SHOWN_CHARS = 200;

  private final String file;
  // -1 when unknown; OptionalLong is not Serializable and this exception travels to the driver.
  private final long line;
  private final String reason;

  MalformedCsvException(
      String file, OptionalLong line, long byteOffset, String reason, String text) {
    super(
        "csv: malformed record in "
            + file
            + (line.isPresent()
                ? " at line " + line.getAsLong()
                : " in the line starting at byte " + byteOffset)
            + ": "
            + reason
            + ": \""
            + (text.length() > SHOWN_CHARS ? text.substring(0, SHOWN_CHARS) + "..." : text)
            + "\". Fix the input, or read with mode PERMISSIVE or DROPMALFORMED to keep or drop"
            + " malformed records");
    this.file = requireNonNull(file, "file is null");
    this.line = line.orElse(-1);
    this.reason = requireNonNull(reason, "reason is null");
  }

  /** The file's URI. */
  public String file() {
    return file;
  }

  /** The 1-based line where the record starts, if known. */
  public OptionalLong line() {
    return line < 0 ? OptionalLong.empty() : OptionalLong.of(line);
  }

  /** Why the record is malformed, e.g. {@code expected 3 fields but found 2}. */
  public String reason() {
    return reason;
  }
}
