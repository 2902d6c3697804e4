package dev.ember.shuffle;

import static java.util.Objects.requireNonNull;

import dev.ember.function.Function;
import dev.ember.function.Function2;
import java.io.Serializable;

/**
 * How values of one key are combined (Spark's {@code Aggregator}, the three functions of {@code
 * combineByKey}): the first value of a key becomes a combiner, later values are merged into it, and
 * combiners built on different map tasks or spill runs are merged together.
 *
 * @param createCombiner first value of a key to a combiner
 * @param mergeValue folds one more value into a combiner
 * @param mergeCombiners merges two combiners of the same key
 * @param <V> value type
 * @param <C> combiner type
 */
public record Aggregator<V, C>(
    Function<V, C> createCombiner, Function2<C, V, C> mergeValue, Function2<C, C, C> mergeCombiners)
    implements Serializable {

  public Aggregator {
    requireNonNull(createCombiner, "createCombiner is null");
    requireNonNull(mergeValue, "mergeValue is null");
    requireNonNull(mergeCombiners, "mergeCombiners is null");
  }
}
