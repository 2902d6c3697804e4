package dev.ember;

import java.util.ArrayList;
import java.util.List;

/**
 * An accumulator that collects the values added to it, in no particular order across tasks. Its
 * elements travel through the record serializer, like dataset elements.
 *
 * @param <T> element type
 */
public final class CollectionAccumulator<T> extends Accumulator<T, List<T>> {
  private static final long serialVersionUID = 1L;

  private final ArrayList<T> values = new ArrayList<>();

  CollectionAccumulator(String name) {
    super(name);
  }

  private CollectionAccumulator(CollectionAccumulator<T> original) {
    super(original);
  }

  @Override
  public synchronized void add(T value) {
    values.add(value);
  }

  /** A snapshot of the collected values. */
  @Override
  public synchronized List<T> value() {
    return java.util.Collections.unmodifiableList(new ArrayList<>(values));
  }

  @Override
  public CollectionAccumulator<T> copyAndReset() {
    return new CollectionAccumulator<>(this);
  }

  @Override
  public synchronized void merge(Accumulator<T, List<T>> other) {
    values.addAll(((CollectionAccumulator<T>) other).snapshot());
  }

  private synchronized List<T> snapshot() {
    return new ArrayList<>(values);
  }
}
