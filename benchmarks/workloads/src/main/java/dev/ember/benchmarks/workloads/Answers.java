package dev.ember.benchmarks.workloads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringTokenizer;
import java.util.TreeMap;

/**
 * The small answers the jobs compute, the same functions for every engine, so the harness can check
 * that the engines agree before it reports a time. Checksums are sums of per-record hashes, so they
 * do not depend on partitioning or order.
 */
public final class Answers {
  private Answers() {}

  /** The words of {@code text}, split as Hadoop's WordCount does ({@link StringTokenizer}). */
  public static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StringTokenizer tokenizer = new StringTokenizer(text);
    while (tokenizer.hasMoreTokens()) {
      out.add(tokenizer.nextToken());
    }
    return out;
  }

  /**
   * One word's contribution to the word count answer: {@code {1, count, hash}}, to be summed with
   * {@link #sum}.
   */
  public static long[] wordSummary(String word, long count) {
    return new long[] {1, count, mix(word.hashCode() * 0x9E3779B97F4A7C15L + count)};
  }

  /** Element-wise sum of two summaries of equal length (a new array). */
  public static long[] sum(long[] x, long[] y) {
    long[] out = new long[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] + y[i];
    }
    return out;
  }

  /** The word count answer from the summed {@link #wordSummary}s. */
  public static String wordCount(long[] summary) {
    return "distinct=" + summary[0] + " words=" + summary[1] + " checksum=" + summary[2];
  }

  /** A well-spread 64-bit hash of {@code x} (the finalizer of MurmurHash3). */
  public static long mix(long x) {
    x ^= x >>> 33;
    x *= 0xff51afd7ed558ccdL;
    x ^= x >>> 33;
    x *= 0xc4ceb9fe1a85ec53L;
    x ^= x >>> 33;
    return x;
  }

  /** A line's contribution to an order-independent checksum. */
  public static long lineHash(String line) {
    return mix(line.hashCode() + 0x9E3779B97F4A7C15L * line.length());
  }

  /**
   * The join answer: {@code priority:count:sumCents} per order priority, sorted, {@code
   * ;}-separated.
   */
  public static String join(Map<String, long[]> sums) {
    List<String> rows = new ArrayList<>();
    new TreeMap<>(sums).forEach((priority, s) -> rows.add(joinRow(priority, s)));
    return String.join(";", rows);
  }

  private static String joinRow(String priority, long[] countAndSum) {
    return priority + ":" + countAndSum[0] + ":" + countAndSum[1];
  }
}
