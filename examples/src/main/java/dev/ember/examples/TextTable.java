package dev.ember.examples;

import java.util.ArrayList;
import java.util.List;

/** Formats a small result as a plain-text table for a terminal, columns padded to align. */
final class TextTable {
  private TextTable() {}

  /**
   * A header line, a rule and one line per row, each ending with a newline; cells are separated by
   * {@code " | "} and left-aligned.
   *
   * @throws IllegalArgumentException if a row has a different number of cells than the header
   */
  static String format(List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    List<List<String>> lines = new ArrayList<>();
    lines.add(header);
    lines.addAll(rows);
    for (List<String> line : lines) {
      if (line.size() != header.size()) {
        throw new IllegalArgumentException(
            "row has " + line.size() + " cells, the header " + header.size() + ": " + line);
      }
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    appendLine(out, header, widths, " | ");
    List<String> rule = new ArrayList<>();
    for (int width : widths) {
      rule.add("-".repeat(width));
    }
    appendLine(out, rule, widths, "-+-");
    for (List<String> row : rows) {
      appendLine(out, row, widths, " | ");
    }
    return out.toString();
  }

  private static void appendLine(
      StringBuilder out, List<String> cells, int[] widths, String separator) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        line.append(separator);
      }
      line.append(cells.get(i)).append(" ".repeat(widths[i] - cells.get(i).length()));
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
