package dev.ember.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * A serializable function over a whole partition (Spark's {@code mapPartitionsWithIndex}): it
 * receives the partition index (0-based) and a lazy iterator over the partition's elements, and
 * returns a lazy iterator of results. Called once per task attempt on the task thread.
 *
 * @param <T> input element type
 * @param <R> output element type
 */
@FunctionalInterface
public interface PartitionFunction<T, R> extends Serializable {
  /** Transforms the partition; any exception fails the task attempt. */
  Iterator<R> call(int partitionIndex, Iterator<T> elements) throws Exception;
}
