package dev.ember.io;

import com.google.common.collect.AbstractIterator;
import java.util.Iterator;
import java.util.Optional;

/**
 * Groups the lines of a split into CSV records: one line per record, or, in multi-line mode, lines
 * joined with {@code \n} while a quoted value is open (a quote toggles it; an escaped character
 * does not count). A quote left open at the end of the input makes the rest of the input one
 * record, which then fails to parse as malformed. Line endings inside quoted values become {@code
 * \n}. Not thread-safe.
 */
final class CsvRecords extends AbstractIterator<CsvRecords.Raw> {
  /**
   * One record's text.
   *
   * @param text the record's lines, joined with {@code \n}
   * @param offset the byte offset of its first line in the file
   * @param lineInSplit the 1-based number of its first line among the split's lines
   */
  record Raw(String text, long offset, long lineInSplit) {}

  private final Iterator<Line> lines;
  private final boolean multiLine;
  private final char quote;
  private final Optional<Character> escape;
  private long linesRead;

  CsvRecords(Iterator<Line> lines, boolean multiLine, char quote, Optional<Character> escape) {
    this.lines = lines;
    this.multiLine = multiLine;
    this.quote = quote;
    this.escape = escape;
  }

  @Override
  protected Raw computeNext() {
    if (!lines.hasNext()) {
      return endOfData();
    }
    Line first = lines.next();
    long firstLine = ++linesRead;
    if (!multiLine) {
      return new Raw(first.text(), first.offset(), firstLine);
    }
    boolean open = quoteOpenAfter(first.text(), false);
    if (!open) {
      return new Raw(first.text(), first.offset(), firstLine);
    }
    StringBuilder text = new StringBuilder(first.text());
    while (open && lines.hasNext()) {
      String next = lines.next().text();
      linesRead++;
      text.append('\n').append(next);
      open = quoteOpenAfter(next, open);
    }
    return new Raw(text.toString(), first.offset(), firstLine);
  }

  private boolean quoteOpenAfter(String line, boolean open) {
    boolean inQuotes = open;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (escape.isPresent() && c == escape.get()) {
        i++;
      } else if (c == quote) {
        inQuotes = !inQuotes;
      }
    }
    return inQuotes;
  }
}
