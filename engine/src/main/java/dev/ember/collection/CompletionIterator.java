package dev.ember.collection;

import static java.util.Objects.requireNonNull;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Runs a completion action exactly once, when the wrapped iterator is found exhausted (Spark's
 * {@code CompletionIterator} idea): that is when a spilling collection may delete its spill files
 * and release its memory, without relying on the consumer to close it. One task thread.
 */
final class CompletionIterator<T> implements Iterator<T> {
  private final Iterator<? extends T> delegate;
  private final Runnable onCompletion;
  private boolean completed;

  CompletionIterator(Iterator<? extends T> delegate, Runnable onCompletion) {
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.onCompletion = requireNonNull(onCompletion, "onCompletion is null");
  }

  @Override
  public boolean hasNext() {
    if (completed) {
      return false;
    }
    if (delegate.hasNext()) {
      return true;
    }
    completed = true;
    onCompletion.run();
    return false;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return delegate.next();
  }
}
