package dev.ember.io;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Optional;

/**
 * Options of {@link CsvSource}, named after Spark's CSV options. Immutable and serializable (tasks
 * carry them); build with {@link #builder()}. The defaults follow RFC 4180 ({@code ,} and {@code
 * "}, a quote inside a quoted value written twice, no escape character; Spark's default escape is
 * {@code \}).
 */
public final class CsvOptions implements Serializable {
  private static final long serialVersionUID = 1L;

  /** No header, all-string columns, PERMISSIVE, one record per line. */
  public static final CsvOptions DEFAULT = builder().build();

  private final boolean header;
  private final char delimiter;
  private final char quote;
  private final Character escape; // null: none (Optional is not Serializable)
  private final String nullValue;
  private final RowSchema schema; // null: all-string columns
  private final CsvParseMode mode;
  private final String corruptRecordColumn;
  private final boolean multiLine;
  private final SplitOptions split;

  private CsvOptions(Builder b) {
    this.header = b.header;
    this.delimiter = b.delimiter;
    this.quote = b.quote;
    this.escape = b.escape.orElse(null);
    this.nullValue = requireNonNull(b.nullValue, "nullValue is null");
    this.schema = b.schema.orElse(null);
    this.mode = requireNonNull(b.mode, "mode is null");
    this.corruptRecordColumn = requireNonNull(b.corruptRecordColumn, "corruptRecordColumn is null");
    this.multiLine = b.multiLine;
    this.split = requireNonNull(b.split, "split is null");
    checkArgument(delimiter != quote, "delimiter and quote are both '%s'", delimiter);
    checkArgument(
        escape == null || (escape != delimiter && escape != quote),
        "the escape character '%s' must differ from the delimiter and the quote",
        escape);
    checkArgument(delimiter != '\n' && delimiter != '\r', "the delimiter cannot be a line break");
    checkArgument(!corruptRecordColumn.isEmpty(), "corruptRecordColumn must not be empty");
  }

  /**
   * Whether the first record of every file is a header (skipped; its names are the columns' unless
   * a schema is given).
   */
  public boolean header() {
    return header;
  }

  /** The field separator; default {@code ,}. */
  public char delimiter() {
    return delimiter;
  }

  /** The quote character; default {@code "}. */
  public char quote() {
    return quote;
  }

  /** An escape character that makes the next character literal, if any; default none. */
  public Optional<Character> escape() {
    return Optional.ofNullable(escape);
  }

  /** The text read as null, quoted or not; default the empty string, so an empty value is null. */
  public String nullValue() {
    return nullValue;
  }

  /**
   * The columns and their types; empty to read every column as a nullable string, named from the
   * header or {@code _c0, _c1, ...} after the first record's field count.
   */
  public Optional<RowSchema> schema() {
    return Optional.ofNullable(schema);
  }

  /** What to do with malformed records; default PERMISSIVE. */
  public CsvParseMode mode() {
    return mode;
  }

  /** The column PERMISSIVE mode appends for the raw text of malformed records. */
  public String corruptRecordColumn() {
    return corruptRecordColumn;
  }

  /**
   * Whether quoted values may contain line breaks. When false (the default) every line is a record
   * and files are split like text, so a quoted line break makes malformed records; when true,
   * records may span lines and each file is read whole in one partition, since a split cannot know
   * whether it starts inside a quoted value (Spark's {@code multiLine}).
   */
  public boolean multiLine() {
    return multiLine;
  }

  /** How files are cut into partitions (each file is whole when {@link #multiLine()}). */
  public SplitOptions split() {
    return split;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link CsvOptions}; not thread-safe. */
  public static final class Builder {
    private boolean header;
    private char delimiter = ',';
    private char quote = '"';
    private Optional<Character> escape = Optional.empty();
    private String nullValue = "";
    private Optional<RowSchema> schema = Optional.empty();
    private CsvParseMode mode = CsvParseMode.PERMISSIVE;
    private String corruptRecordColumn = "_corrupt_record";
    private boolean multiLine;
    private SplitOptions split = SplitOptions.DEFAULT;

    private Builder() {}

    /** See {@link CsvOptions#header()}. */
    public Builder header(boolean value) {
      this.header = value;
      return this;
    }

    /** See {@link CsvOptions#delimiter()}. */
    public Builder delimiter(char value) {
      this.delimiter = value;
      return this;
    }

    /** See {@link CsvOptions#quote()}. */
    public Builder quote(char value) {
      this.quote = value;
      return this;
    }

    /** See {@link CsvOptions#escape()}. */
    public Builder escape(char value) {
      this.escape = Optional.of(value);
      return this;
    }

    /** See {@link CsvOptions#nullValue()}. */
    public Builder nullValue(String value) {
      this.nullValue = value;
      return this;
    }

    /** Reads columns with these names and types; values that do not parse are malformed. */
    public Builder schema(RowSchema value) {
      this.schema = Optional.of(value);
      return this;
    }

    /** See {@link CsvOptions#mode()}. */
    public Builder mode(CsvParseMode value) {
      this.mode = value;
      return this;
    }

    /** See {@link CsvOptions#corruptRecordColumn()}. */
    public Builder corruptRecordColumn(String value) {
      this.corruptRecordColumn = value;
      return this;
    }

    /** See {@link CsvOptions#multiLine()}. */
    public Builder multiLine(boolean value) {
      this.multiLine = value;
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
     * @throws IllegalArgumentException if two of delimiter, quote and escape are the same
     *     character, or the delimiter is a line break
     */
    public CsvOptions build() {
      return new CsvOptions(this);
    }
  }
}
