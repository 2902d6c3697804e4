package dev.ember.function;

import java.io.Serializable;

/**
 * A two-argument serializable user function, e.g. the merge function of {@code reduceByKey}.
 * Functions used to combine values must be associative (and, for {@code reduce}, commutative),
 * because Ember applies them in partition order on map and reduce sides, as Spark does.
 *
 * @param <A> first argument type
 * @param <B> second argument type
 * @param <R> result type
 */
@FunctionalInterface
public interface Function2<A, B, R> extends Serializable {
  /** Applies the function; any exception fails the task attempt. */
  R call(A first, B second) throws Exception;
}
