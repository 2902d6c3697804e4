package dev.ember.benchmarks.workloads;

/** Splitting dbgen's {@code |}-separated lines without regular expressions or arrays of strings. */
final class Fields {
  private Fields() {}

  /**
   * The index of the {@code |} that ends each of the first {@code count} columns.
   *
   * @throws IllegalArgumentException quoting the line if it has fewer columns
   */
  static int[] ends(String line, int count) {
    int[] ends = new int[count];
    int from = 0;
    for (int i = 0; i < count; i++) {
      int end = line.indexOf('|', from);
      if (end < 0) {
        if (i == count - 1) {
          end = line.length();
        } else {
          throw new IllegalArgumentException(
              "lineitem or orders line has fewer than " + count + " columns: " + line);
        }
      }
      ends[i] = end;
      from = end + 1;
    }
    return ends;
  }

  static String get(String line, int[] ends, int column) {
    int start = column == 0 ? 0 : ends[column - 1] + 1;
    return line.substring(start, ends[column]);
  }

  /** A decimal column with at most 2 decimals, e.g. {@code 17}, {@code 0.04}, x 100. */
  static long hundredths(String line, int[] ends, int column) {
    int start = column == 0 ? 0 : ends[column - 1] + 1;
    int end = ends[column];
    int dot = line.indexOf('.', start);
    if (dot < 0 || dot > end) {
      return Long.parseLong(line, start, end, 10) * 100;
    }
    long whole = dot == start ? 0 : Long.parseLong(line, start, dot, 10);
    int decimals = end - dot - 1;
    if (decimals > 2) {
      throw new NumberFormatException("more than 2 decimals");
    }
    long fraction = decimals == 0 ? 0 : Long.parseLong(line, dot + 1, end, 10);
    if (decimals == 1) {
      fraction *= 10;
    }
    return whole * 100 + fraction;
  }
}
