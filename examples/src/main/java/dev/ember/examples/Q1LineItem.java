package dev.ember.examples;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * The columns of a TPC-H {@code lineitem} row that query 1 reads, exactly: decimals as scaled longs
 * (hundredths), so that sums are exact.
 *
 * @param returnFlag {@code l_returnflag}
 * @param lineStatus {@code l_linestatus}
 * @param shipDate {@code l_shipdate}
 * @param quantityHundredths {@code l_quantity} x 100
 * @param extendedPriceCents {@code l_extendedprice} x 100
 * @param discountHundredths {@code l_discount} x 100 (0 to 10 in generated data)
 * @param taxHundredths {@code l_tax} x 100 (0 to 8 in generated data)
 */
record Q1LineItem(
    String returnFlag,
    String lineStatus,
    LocalDate shipDate,
    long quantityHundredths,
    long extendedPriceCents,
    long discountHundredths,
    long taxHundredths) {
  private static final int COLUMNS = 16;

  /**
   * Parses a line as dbgen writes {@code lineitem}: 16 columns separated by {@code |}, with an
   * optional trailing {@code |}.
   *
   * @throws IllegalArgumentException quoting the line if it has the wrong number of columns, or a
   *     quantity, price, discount or tax with more than 2 decimals or not a number, or a ship date
   *     not in {@code yyyy-MM-dd} form
   */
  static Q1LineItem parse(String line) {
    String[] columns = line.split("\\|");
    if (columns.length != COLUMNS) {
      throw new IllegalArgumentException(
          "lineitem line has "
              + columns.length
              + " columns, expected "
              + COLUMNS
              + " separated by '|': "
              + line);
    }
    try {
      return new Q1LineItem(
          columns[8],
          columns[9],
          LocalDate.parse(columns[10]),
          hundredths(columns[4]),
          hundredths(columns[5]),
          hundredths(columns[6]),
          hundredths(columns[7]));
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          "lineitem line has a malformed number or date (" + e.getMessage() + "): " + line, e);
    }
  }

  private static long hundredths(String decimal) {
    return new BigDecimal(decimal).movePointRight(2).longValueExact();
  }
}
