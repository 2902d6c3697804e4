package dev.ember.examples;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The aggregates of TPC-H query 1 (the pricing summary report) for one group, kept exactly:
 * quantities, prices and discounts as scaled longs (hundredths), the discounted price and the
 * charge as {@link BigDecimal}s because their products carry 4 and 6 decimals and their sums
 * outgrow a long at large scale factors. Combine with {@link #plus}; round only in {@link
 * #csvColumns()}.
 *
 * @param count {@code count(*)}
 * @param sumQuantityHundredths {@code sum(l_quantity)} x 100
 * @param sumBasePriceCents {@code sum(l_extendedprice)} x 100
 * @param sumDiscountedPrice {@code sum(l_extendedprice * (1 - l_discount))}
 * @param sumCharge {@code sum(l_extendedprice * (1 - l_discount) * (1 + l_tax))}
 * @param sumDiscountHundredths {@code sum(l_discount)} x 100, for {@code avg(l_discount)}
 */
record PricingSummary(
    long count,
    long sumQuantityHundredths,
    long sumBasePriceCents,
    BigDecimal sumDiscountedPrice,
    BigDecimal sumCharge,
    long sumDiscountHundredths) {
  /** The CSV header of {@link TpchQ1}'s output, in the column order of the query. */
  static final String CSV_HEADER =
      "l_returnflag,l_linestatus,sum_qty,sum_base_price,sum_disc_price,sum_charge,"
          + "avg_qty,avg_price,avg_disc,count_order";

  private static final int SCALE = 2;

  PricingSummary {
    requireNonNull(sumDiscountedPrice, "sumDiscountedPrice is null");
    requireNonNull(sumCharge, "sumCharge is null");
  }

  /** The summary of the single row {@code item}. */
  static PricingSummary of(Q1LineItem item) {
    // Cents x hundredths x hundredths stays below 2^63 for any price dbgen generates.
    long discountedPrice = item.extendedPriceCents() * (100 - item.discountHundredths());
    long charge = discountedPrice * (100 + item.taxHundredths());
    return new PricingSummary(
        1,
        item.quantityHundredths(),
        item.extendedPriceCents(),
        BigDecimal.valueOf(discountedPrice, 4),
        BigDecimal.valueOf(charge, 6),
        item.discountHundredths());
  }

  /**
   * The summary of both groups of rows.
   *
   * @throws ArithmeticException if a long sum overflows (far beyond SF 100,000)
   */
  PricingSummary plus(PricingSummary other) {
    return new PricingSummary(
        Math.addExact(count, other.count),
        Math.addExact(sumQuantityHundredths, other.sumQuantityHundredths),
        Math.addExact(sumBasePriceCents, other.sumBasePriceCents),
        sumDiscountedPrice.add(other.sumDiscountedPrice),
        sumCharge.add(other.sumCharge),
        Math.addExact(sumDiscountHundredths, other.sumDiscountHundredths));
  }

  /**
   * The eight aggregate columns after the group columns, as the CSV output writes them: sums and
   * averages rounded half-up to 2 decimals (plain notation), then the count.
   */
  List<String> csvColumns() {
    BigDecimal rows = BigDecimal.valueOf(count);
    BigDecimal quantity = BigDecimal.valueOf(sumQuantityHundredths, SCALE);
    BigDecimal basePrice = BigDecimal.valueOf(sumBasePriceCents, SCALE);
    BigDecimal discount = BigDecimal.valueOf(sumDiscountHundredths, SCALE);
    return List.of(
        quantity.toPlainString(),
        basePrice.toPlainString(),
        round(sumDiscountedPrice),
        round(sumCharge),
        quantity.divide(rows, SCALE, RoundingMode.HALF_UP).toPlainString(),
        basePrice.divide(rows, SCALE, RoundingMode.HALF_UP).toPlainString(),
        discount.divide(rows, SCALE, RoundingMode.HALF_UP).toPlainString(),
        Long.toString(count));
  }

  private static String round(BigDecimal value) {
    return value.setScale(SCALE, RoundingMode.HALF_UP).toPlainString();
  }
}
