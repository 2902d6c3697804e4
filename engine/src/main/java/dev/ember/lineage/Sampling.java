package dev.ember.lineage;

import com.google.common.collect.Iterators;
import java.util.Collections;
import java.util.Iterator;
import java.util.SplittableRandom;

/** Per-partition random sampling for {@code Dataset.sample}. */
public final class Sampling {
  private Sampling() {}

  /**
   * Samples {@code it} with a generator seeded from {@code seed} and the partition index, so a
   * re-run task attempt produces the same sample.
   */
  public static <T> Iterator<T> sample(
      Iterator<T> it, boolean withReplacement, double fraction, long seed, int partition) {
    SplittableRandom random = new SplittableRandom(seed ^ mix(partition));
    if (!withReplacement) {
      return Iterators.filter(it, x -> random.nextDouble() < fraction);
    }
    return Iterators.concat(
        Iterators.transform(it, x -> Collections.nCopies(poisson(random, fraction), x).iterator()));
  }

  /** Knuth's Poisson sampler; fine for the small means sampling uses. */
  private static int poisson(SplittableRandom random, double mean) {
    double limit = Math.exp(-mean);
    double product = random.nextDouble();
    int count = 0;
    while (product > limit) {
      count++;
      product *= random.nextDouble();
    }
    return count;
  }

  /** Spreads small integers over the int range (a murmur3 finalizer step). */
  public static int mix(int x) {
    int h = x * 0x9E3779B9;
    h ^= h >>> 16;
    h *= 0x85EBCA6B;
    h ^= h >>> 13;
    return h;
  }
}
