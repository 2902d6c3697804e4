package dev.ember.benchmarks.workloads;

/** The answer of the cache workload: the results of its five actions. */
public final class CacheAnswer {
  private CacheAnswer() {}

  /**
   * Formats the five actions' results.
   *
   * @param rows {@code count()}
   * @param quantityHundredths the sum of {@code l_quantity} x 100
   * @param shipped the rows query 1 selects
   * @param maxPriceCents the largest {@code l_extendedprice} x 100
   * @param orders the distinct {@code l_orderkey}s
   */
  public static String format(
      long rows, long quantityHundredths, long shipped, long maxPriceCents, long orders) {
    return "rows="
        + rows
        + " quantity="
        + quantityHundredths
        + " shipped="
        + shipped
        + " maxPrice="
        + maxPriceCents
        + " orders="
        + orders;
  }
}
