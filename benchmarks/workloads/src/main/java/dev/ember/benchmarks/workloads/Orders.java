package dev.ember.benchmarks.workloads;

/** The columns of a TPC-H {@code orders} line that the join reads. */
public final class Orders {
  private Orders() {}

  /** {@code o_orderkey}, the first column. */
  public static long orderKey(String line) {
    return LineItem.orderKey(line);
  }

  /** {@code o_orderpriority}, the 6th column, e.g. {@code 1-URGENT}. */
  public static String priority(String line) {
    return Fields.get(line, Fields.ends(line, 6), 5);
  }
}
