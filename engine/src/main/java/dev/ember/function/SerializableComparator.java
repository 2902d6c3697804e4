package dev.ember.function;

import java.io.Serializable;
import java.util.Comparator;

/**
 * A {@link Comparator} that can be shipped to executors, used by {@code sortByKey}, {@code sortBy},
 * {@code top} and the range partitioner.
 *
 * @param <T> compared type
 */
@FunctionalInterface
public interface SerializableComparator<T> extends Comparator<T>, Serializable {
  /**
   * The natural ordering of {@link Comparable} values, with a serializable comparator (unlike
   * {@link Comparator#naturalOrder()}, which is serializable only by accident of implementation).
   */
  @SuppressWarnings("unchecked")
  static <T> SerializableComparator<T> natural() {
    return (a, b) -> ((Comparable<Object>) a).compareTo(b);
  }
}
