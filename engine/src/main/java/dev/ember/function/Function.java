package dev.ember.function;

import java.io.Serializable;

/**
 * A one-argument user function that is shipped to executors, so it must be {@link Serializable}
 * (plain Java lambdas assigned to this type are). Called on task threads, possibly concurrently in
 * different tasks, each with its own deserialized copy.
 *
 * @param <T> argument type
 * @param <R> result type
 */
@FunctionalInterface
public interface Function<T, R> extends Serializable {
  /**
   * Applies the function; any exception fails the task attempt (and is retried by the scheduler).
   */
  R call(T value) throws Exception;
}
