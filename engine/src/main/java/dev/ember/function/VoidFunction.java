package dev.ember.function;

import java.io.Serializable;

/**
 * A serializable function run for its side effect, as in {@code foreach} and {@code
 * foreachPartition}. Runs on executor task threads; a re-run task attempt runs it again.
 *
 * @param <T> argument type
 */
@FunctionalInterface
public interface VoidFunction<T> extends Serializable {
  /** Runs the side effect; any exception fails the task attempt. */
  void call(T value) throws Exception;
}
