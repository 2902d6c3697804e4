package dev.ember.collection;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.Iterators;
import com.google.common.collect.PeekingIterator;
import dev.ember.Pair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Merges streams of (key, combiner) pairs, each sorted by key hash code and holding each key at
 * most once, into one stream holding each key once, combining equal keys' combiners. This is how
 * Spark's {@code ExternalAppendOnlyMap} reads back its spills: keys are ordered by hash rather than
 * by a key order, because keys need not be comparable, and equal keys have equal hashes.
 *
 * <p>A priority queue holds the streams by the hash of their head. For the smallest hash, every
 * pair with that hash is pulled from every stream, and those with {@link Object#equals equal} keys
 * are merged; unequal keys whose hashes collide stay separate. Null keys hash to 0. One task
 * thread.
 */
final class HashGroupMergeIterator<K, C> implements Iterator<Pair<K, C>> {
  /** Orders keys as the streams must be sorted: by hash code, null as 0. */
  static final Comparator<Object> KEY_HASH_ORDER = Comparator.comparingInt(Objects::hashCode);

  private final PriorityQueue<PeekingIterator<Pair<K, C>>> streams =
      new PriorityQueue<>(Comparator.comparingInt(stream -> Objects.hashCode(stream.peek().key())));
  private final Combiner<?, C> combiner;
  private final Deque<Pair<K, C>> ready = new ArrayDeque<>();

  HashGroupMergeIterator(List<? extends Iterator<Pair<K, C>>> sources, Combiner<?, C> combiner) {
    this.combiner = requireNonNull(combiner, "combiner is null");
    for (Iterator<Pair<K, C>> source : sources) {
      if (source.hasNext()) {
        streams.add(Iterators.peekingIterator(source));
      }
    }
  }

  @Override
  public boolean hasNext() {
    return !ready.isEmpty() || !streams.isEmpty();
  }

  @Override
  public Pair<K, C> next() {
    if (ready.isEmpty()) {
      mergeNextHash();
    }
    return ready.removeFirst(); // throws NoSuchElementException when nothing is left
  }

  /**
   * Moves all pairs with the smallest head hash out of the streams, merged, into {@link #ready}.
   */
  private void mergeNextHash() {
    if (streams.isEmpty()) {
      return;
    }
    int hash = Objects.hashCode(streams.element().peek().key());
    // A hash group is small (the keys of one hash code), so a map from key to combiner is cheap;
    // a LinkedHashMap keeps the output order deterministic.
    Map<K, C> group = new LinkedHashMap<>();
    List<PeekingIterator<Pair<K, C>>> drained = new ArrayList<>();
    while (!streams.isEmpty() && Objects.hashCode(streams.element().peek().key()) == hash) {
      PeekingIterator<Pair<K, C>> stream = streams.remove();
      while (stream.hasNext() && Objects.hashCode(stream.peek().key()) == hash) {
        Pair<K, C> pair = stream.next();
        // containsKey, not a null check: a combiner may itself be null.
        if (group.containsKey(pair.key())) {
          group.put(pair.key(), combiner.mergeCombiners(group.get(pair.key()), pair.value()));
        } else {
          group.put(pair.key(), pair.value());
        }
      }
      drained.add(stream);
    }
    for (PeekingIterator<Pair<K, C>> stream : drained) {
      if (stream.hasNext()) {
        streams.add(stream);
      }
    }
    group.forEach((key, value) -> ready.addLast(Pair.of(key, value)));
  }
}
