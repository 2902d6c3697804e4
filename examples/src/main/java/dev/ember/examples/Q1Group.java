package dev.ember.examples;

import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * A group of TPC-H query 1: one {@code (l_returnflag, l_linestatus)} pair, ordered as the query's
 * {@code ORDER BY l_returnflag, l_linestatus} orders it.
 */
record Q1Group(String returnFlag, String lineStatus) implements Comparable<Q1Group> {
  private static final Comparator<Q1Group> ORDER =
      Comparator.comparing(Q1Group::returnFlag).thenComparing(Q1Group::lineStatus);

  Q1Group {
    requireNonNull(returnFlag, "returnFlag is null");
    requireNonNull(lineStatus, "lineStatus is null");
  }

  static Q1Group of(Q1LineItem item) {
    return new Q1Group(item.returnFlag(), item.lineStatus());
  }

  @Override
  public int compareTo(Q1Group other) {
    return ORDER.compare(this, other);
  }
}
