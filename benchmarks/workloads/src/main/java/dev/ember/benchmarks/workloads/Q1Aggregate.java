package dev.ember.benchmarks.workloads;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The running sums of TPC-H query 1 for one {@code (l_returnflag, l_linestatus)} group, exact:
 * prices in cents, {@code disc_price} in 1e-4 and {@code charge} in 1e-6 units. The sums stay below
 * {@link Long#MAX_VALUE} up to scale factor 1 (about 6e17 for {@code sum_charge}); larger scale
 * factors would need {@code BigInteger}.
 *
 * <p>Immutable once built: {@link #of} and {@link #plus} return new objects, so a reduce function
 * may be applied to cached values.
 */
public final class Q1Aggregate implements Serializable {
  private static final long serialVersionUID = 1L;

  /** {@code date '1998-12-01' - interval '90' day}, the specification's validation value. */
  public static final String SHIP_DATE_CUTOFF = "1998-09-02";

  long sumQuantityHundredths;
  long sumBasePriceCents;
  long sumDiscountedPrice;
  long sumCharge;
  long sumDiscountHundredths;
  long count;

  public Q1Aggregate() {}

  /** Whether query 1 keeps {@code item} ({@code l_shipdate <= 1998-09-02}). */
  public static boolean selected(LineItem item) {
    return item.shipDate.compareTo(SHIP_DATE_CUTOFF) <= 0;
  }

  /** The group key, e.g. {@code A|F}. */
  public static String group(LineItem item) {
    return item.returnFlag + "|" + item.lineStatus;
  }

  /** The sums of one row. */
  public static Q1Aggregate of(LineItem item) {
    Q1Aggregate a = new Q1Aggregate();
    a.sumQuantityHundredths = item.quantityHundredths;
    a.sumBasePriceCents = item.extendedPriceCents;
    a.sumDiscountedPrice = item.extendedPriceCents * (100 - item.discountHundredths);
    a.sumCharge = a.sumDiscountedPrice * (100 + item.taxHundredths);
    a.sumDiscountHundredths = item.discountHundredths;
    a.count = 1;
    return a;
  }

  /** The sums of both groups' rows. */
  public static Q1Aggregate plus(Q1Aggregate x, Q1Aggregate y) {
    Q1Aggregate a = new Q1Aggregate();
    a.sumQuantityHundredths = x.sumQuantityHundredths + y.sumQuantityHundredths;
    a.sumBasePriceCents = x.sumBasePriceCents + y.sumBasePriceCents;
    a.sumDiscountedPrice = x.sumDiscountedPrice + y.sumDiscountedPrice;
    a.sumCharge = x.sumCharge + y.sumCharge;
    a.sumDiscountHundredths = x.sumDiscountHundredths + y.sumDiscountHundredths;
    a.count = x.count + y.count;
    return a;
  }

  /**
   * The six sums as longs, for engines that move values as fixed fields (MapReduce's {@code
   * Writable}s): quantity, base price, discounted price, charge, discount, count.
   */
  public long[] toLongs() {
    return new long[] {
      sumQuantityHundredths,
      sumBasePriceCents,
      sumDiscountedPrice,
      sumCharge,
      sumDiscountHundredths,
      count
    };
  }

  /**
   * The aggregate {@link #toLongs} wrote.
   *
   * @throws IllegalArgumentException if {@code sums} does not have six elements
   */
  public static Q1Aggregate fromLongs(long[] sums) {
    if (sums.length != 6) {
      throw new IllegalArgumentException("a Q1 aggregate has 6 sums, not " + sums.length);
    }
    Q1Aggregate a = new Q1Aggregate();
    a.sumQuantityHundredths = sums[0];
    a.sumBasePriceCents = sums[1];
    a.sumDiscountedPrice = sums[2];
    a.sumCharge = sums[3];
    a.sumDiscountHundredths = sums[4];
    a.count = sums[5];
    return a;
  }

  /**
   * The query's output row for {@code group}: {@code flag|status|sum_qty|sum_base_price|
   * sum_disc_price|sum_charge|avg_qty|avg_price|avg_disc|count_order}, decimals rounded half-up to
   * 2 places.
   */
  public String row(String group) {
    return group
        + "|"
        + scaled(sumQuantityHundredths, 2)
        + "|"
        + scaled(sumBasePriceCents, 2)
        + "|"
        + scaled(sumDiscountedPrice, 4)
        + "|"
        + scaled(sumCharge, 6)
        + "|"
        + average(sumQuantityHundredths, 2)
        + "|"
        + average(sumBasePriceCents, 2)
        + "|"
        + average(sumDiscountHundredths, 2)
        + "|"
        + count;
  }

  /** The query's answer: the groups' {@link #row}s sorted by group, separated by {@code ;}. */
  public static String answer(Map<String, Q1Aggregate> groups) {
    List<String> rows = new ArrayList<>();
    for (Map.Entry<String, Q1Aggregate> e : new TreeMap<>(groups).entrySet()) {
      rows.add(e.getValue().row(e.getKey()));
    }
    return String.join(";", rows);
  }

  private static String scaled(long unscaled, int scale) {
    return BigDecimal.valueOf(unscaled, scale).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private String average(long unscaled, int scale) {
    return BigDecimal.valueOf(unscaled, scale)
        .divide(BigDecimal.valueOf(count), 2, RoundingMode.HALF_UP)
        .toPlainString();
  }
}
