package dev.ember.collection;

import static java.util.Objects.requireNonNull;

import dev.ember.function.UserFunctionException;
import dev.ember.shuffle.Aggregator;

/**
 * Calls an {@link Aggregator}'s functions, letting unchecked exceptions through as they are and
 * wrapping checked ones in {@link UserFunctionException}, so either fails the task with the user's
 * exception as its cause.
 */
final class Combiner<V, C> {
  private final Aggregator<V, C> aggregator;

  Combiner(Aggregator<V, C> aggregator) {
    this.aggregator = requireNonNull(aggregator, "aggregator is null");
  }

  C create(V value) {
    try {
      return aggregator.createCombiner().call(value);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new UserFunctionException("createCombiner", e);
    }
  }

  C mergeValue(C combiner, V value) {
    try {
      return aggregator.mergeValue().call(combiner, value);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new UserFunctionException("mergeValue", e);
    }
  }

  C mergeCombiners(C first, C second) {
    try {
      return aggregator.mergeCombiners().call(first, second);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new UserFunctionException("mergeCombiners", e);
    }
  }
}
