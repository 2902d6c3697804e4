package dev.ember.function;

import java.io.Serializable;
import java.util.Iterator;

/**
 * A serializable function from one element to zero or more elements, returned as an iterator that
 * the engine consumes lazily on the task thread.
 *
 * @param <T> argument type
 * @param <R> element type of the result
 */
@FunctionalInterface
public interface FlatMapFunction<T, R> extends Serializable {
  /** Returns the elements produced for {@code value}; any exception fails the task attempt. */
  Iterator<R> call(T value) throws Exception;
}
