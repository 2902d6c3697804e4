package dev.ember.benchmarks.workloads;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * What one partition of the sorted {@code lineitem} looks like: its index, record count, first and
 * last key, whether its keys ascend, and an order-independent checksum of its lines. {@link
 * #answer} checks that the partitions together are one ascending sequence.
 */
public final class SortSummary implements Serializable {
  private static final long serialVersionUID = 1L;

  int partition;
  long count;
  long firstKey = Long.MIN_VALUE;
  long lastKey = Long.MIN_VALUE;
  boolean ascending = true;
  long checksum;

  public SortSummary() {}

  /** Summarizes one sorted partition, given as {@code (key, line)} pairs in order. */
  public static <P> SortSummary of(
      int partition,
      Iterator<P> pairs,
      java.util.function.ToLongFunction<P> key,
      java.util.function.Function<P, String> line) {
    SortSummary s = new SortSummary();
    s.partition = partition;
    while (pairs.hasNext()) {
      P pair = pairs.next();
      long k = key.applyAsLong(pair);
      if (s.count == 0) {
        s.firstKey = k;
      } else if (k <= s.lastKey) {
        s.ascending = false;
      }
      s.lastKey = k;
      s.count++;
      s.checksum += Answers.lineHash(line.apply(pair));
    }
    return s;
  }

  /**
   * The sort answer: {@code rows=N ascending=true|false checksum=X}, where ascending means every
   * partition ascends and each non-empty partition starts after the previous one ends.
   */
  public static String answer(List<SortSummary> summaries) {
    List<SortSummary> sorted = new ArrayList<>(summaries);
    sorted.sort(Comparator.comparingInt(s -> s.partition));
    long rows = 0;
    long checksum = 0;
    boolean ascending = true;
    long previousLast = Long.MIN_VALUE;
    for (SortSummary s : sorted) {
      rows += s.count;
      checksum += s.checksum;
      if (s.count == 0) {
        continue;
      }
      ascending &= s.ascending && s.firstKey > previousLast;
      previousLast = s.lastKey;
    }
    return "rows=" + rows + " ascending=" + ascending + " checksum=" + checksum;
  }
}
