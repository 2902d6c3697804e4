package dev.ember.benchmarks.workloads;

import java.io.Serializable;

/**
 * The columns of a TPC-H {@code lineitem} row that the benchmark jobs read, parsed the same way by
 * every engine. Decimals are scaled longs (hundredths), so sums are exact and every engine gets the
 * same answer.
 *
 * <p>A plain mutable class with a no-argument constructor (not a record) so that both Ember's Kryo
 * 5 and Spark's Kryo 4 serialize it with their field serializers.
 */
public final class LineItem implements Serializable {
  private static final long serialVersionUID = 1L;

  /** {@code l_orderkey}. */
  public long orderKey;

  /** {@code l_linenumber}, 1 to 7. */
  public int lineNumber;

  /** {@code l_quantity} x 100. */
  public long quantityHundredths;

  /** {@code l_extendedprice} x 100. */
  public long extendedPriceCents;

  /** {@code l_discount} x 100. */
  public long discountHundredths;

  /** {@code l_tax} x 100. */
  public long taxHundredths;

  /** {@code l_returnflag}, one character. */
  public char returnFlag;

  /** {@code l_linestatus}, one character. */
  public char lineStatus;

  /** {@code l_shipdate} as {@code yyyy-MM-dd}, which sorts as the date does. */
  public String shipDate;

  public LineItem() {}

  /**
   * Parses a line as dbgen writes {@code lineitem}: 16 columns separated by {@code |}, with an
   * optional trailing {@code |}.
   *
   * @throws IllegalArgumentException quoting the line if it has fewer than 16 columns or a
   *     malformed number
   */
  public static LineItem parse(String line) {
    int[] ends = Fields.ends(line, 11);
    try {
      LineItem item = new LineItem();
      item.orderKey = Long.parseLong(Fields.get(line, ends, 0));
      item.lineNumber = Integer.parseInt(Fields.get(line, ends, 3));
      item.quantityHundredths = Fields.hundredths(line, ends, 4);
      item.extendedPriceCents = Fields.hundredths(line, ends, 5);
      item.discountHundredths = Fields.hundredths(line, ends, 6);
      item.taxHundredths = Fields.hundredths(line, ends, 7);
      item.returnFlag = line.charAt(ends[7] + 1);
      item.lineStatus = line.charAt(ends[8] + 1);
      item.shipDate = Fields.get(line, ends, 10);
      return item;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("malformed lineitem line: " + line, e);
    }
  }

  /** The text of {@code l_comment}, the 16th column. */
  public static String comment(String line) {
    int[] ends = Fields.ends(line, 16);
    return Fields.get(line, ends, 15);
  }

  /** {@code (l_orderkey, l_linenumber)} packed into one long that sorts as the pair does. */
  public static long sortKey(String line) {
    int first = line.indexOf('|');
    int second = line.indexOf('|', first + 1);
    int third = line.indexOf('|', second + 1);
    int fourth = line.indexOf('|', third + 1);
    if (first < 0 || fourth < 0) {
      throw new IllegalArgumentException("malformed lineitem line: " + line);
    }
    long orderKey = Long.parseLong(line, 0, first, 10);
    long lineNumber = Long.parseLong(line, third + 1, fourth, 10);
    return orderKey * 8 + lineNumber;
  }

  /** {@code l_orderkey}, the first column. */
  public static long orderKey(String line) {
    int first = line.indexOf('|');
    if (first < 0) {
      throw new IllegalArgumentException("malformed lineitem line: " + line);
    }
    return Long.parseLong(line, 0, first, 10);
  }

  /** {@code l_extendedprice} x 100, the 6th column. */
  public static long extendedPriceCents(String line) {
    return Fields.hundredths(line, Fields.ends(line, 6), 5);
  }
}
