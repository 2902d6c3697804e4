package dev.ember.collection;

import static com.google.common.base.Preconditions.checkState;

import dev.ember.Pair;
import dev.ember.memory.SizeTracker;
import dev.ember.memory.Spillable;
import dev.ember.memory.TaskMemoryManager;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.RecordInput;
import dev.ember.serializer.RecordSerializer;
import dev.ember.serializer.SerializationException;
import dev.ember.shuffle.Aggregator;
import dev.ember.storage.LocalDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Combines values by key in a task's execution memory and spills to disk when memory runs out:
 * Spark's {@code ExternalAppendOnlyMap}, used by {@code combineByKey}-style operations on the
 * reduce side (and on the map side when the shuffle combines).
 *
 * <p>Keys are held in a {@link CombineMap} from key to combiner. When it outgrows the memory it can
 * get (see {@link Spillable}) its entries are sorted by key hash code and written to a spill file
 * as records key, combiner, key, combiner, ...; {@link #iterator()} merges the spill files with the
 * in-memory entries by hash and combines equal keys with {@code mergeCombiners} (see {@link
 * HashGroupMergeIterator}). Keys need {@code equals}/{@code hashCode} but no order; {@code null}
 * keys and combiners are allowed.
 *
 * <p>Exceptions of the aggregator's functions propagate (checked ones wrapped in {@link
 * dev.ember.function.UserFunctionException}) and fail the task.
 *
 * <p>Lifecycle: insert any number of times, then {@link #iterator()} once. The spill files are
 * deleted and the memory released when the iterator is exhausted, or by {@link #close()}, which the
 * owner must call on every path (it is idempotent). Not thread-safe: one task thread.
 *
 * @param <K> key type
 * @param <V> value type
 * @param <C> combiner type
 */
public final class ExternalAggregator<K, V, C> extends Spillable implements AutoCloseable {
  private final Combiner<V, C> combiner;
  private final SpillFiles spills;
  private final SizeTracker sizeTracker = new SizeTracker();
  private final CombineMap<K, C> combiners = new CombineMap<>();
  private boolean iterated;
  private boolean closed;

  /**
   * @param aggregator how values and combiners of one key are combined
   * @param serializer writes and reads the spill files
   * @param localDirs where spill files are created
   * @param memory the task attempt's execution memory
   * @param metrics the task attempt's counters; each spill file written is recorded
   */
  public ExternalAggregator(
      Aggregator<V, C> aggregator,
      RecordSerializer serializer,
      LocalDirs localDirs,
      TaskMemoryManager memory,
      TaskMetrics metrics) {
    super(memory, metrics);
    this.combiner = new Combiner<>(aggregator);
    this.spills = new SpillFiles(localDirs, serializer, "aggregate-spill");
  }

  /**
   * Folds a value into its key's combiner ({@code createCombiner} for a key not in memory, else
   * {@code mergeValue}); may spill.
   *
   * @throws IllegalStateException after {@link #iterator()} or {@link #close()}
   */
  public void insertValue(K key, V value) {
    checkOpen();
    int slot = combiners.slot(0, key);
    combiners.setValue(
        slot,
        combiners.wasNew()
            ? combiner.create(value)
            : combiner.mergeValue(combiners.value(slot), value));
    afterInsert();
  }

  /**
   * Merges a combiner built elsewhere (by a map task's combine) into its key's combiner with {@code
   * mergeCombiners}; may spill.
   *
   * @throws IllegalStateException after {@link #iterator()} or {@link #close()}
   */
  public void insertCombiner(K key, C value) {
    checkOpen();
    int slot = combiners.slot(0, key);
    combiners.setValue(
        slot, combiners.wasNew() ? value : combiner.mergeCombiners(combiners.value(slot), value));
    afterInsert();
  }

  private void checkOpen() {
    checkState(!iterated && !closed, "cannot insert after iterator() or close()");
  }

  private void afterInsert() {
    sizeTracker.afterUpdate(combiners);
    maybeSpill(sizeTracker.estimatedSize());
  }

  @Override
  protected long spill() {
    SortedRecords<K, C> sorted = combiners.drainSorted(CombineMap.Order.KEY_HASH);
    long bytes =
        spills.write(
            out -> {
              for (int i = 0; i < sorted.size(); i++) {
                out.write(sorted.key(i));
                out.write(sorted.value(i));
              }
            });
    sizeTracker.reset();
    return bytes;
  }

  /**
   * Every key once with its final combiner, in no particular order. May be called once.
   *
   * @throws IllegalStateException if called twice or after {@link #close()}
   * @throws SerializationException if a spill file cannot be read back
   */
  public Iterator<Pair<K, C>> iterator() {
    checkState(!iterated && !closed, "iterator() may be called once, before close()");
    iterated = true;
    Iterator<Pair<K, C>> result;
    // The in-memory entries need the spill files' order only to be merged with them.
    Iterator<Pair<K, C>> inMemory =
        drainedPairs(
            combiners.drainSorted(
                spills.isEmpty() ? CombineMap.Order.NONE : CombineMap.Order.KEY_HASH));
    sizeTracker.reset();
    if (spills.isEmpty()) {
      result = inMemory;
    } else {
      List<Iterator<Pair<K, C>>> sources = new ArrayList<>();
      for (Path file : spills.files()) {
        sources.add(new PairReader<>(spills.openInput(file)));
      }
      sources.add(inMemory);
      result = new HashGroupMergeIterator<>(sources, combiner);
    }
    return new CompletionIterator<>(result, this::close);
  }

  /** Closes and deletes the spill files and releases the memory. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    combiners.clear();
    try {
      spills.close();
    } finally {
      releaseMemory();
    }
  }

  private static <K, C> Iterator<Pair<K, C>> drainedPairs(SortedRecords<K, C> drained) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < drained.size();
      }

      @Override
      public Pair<K, C> next() {
        if (next >= drained.size()) {
          throw new NoSuchElementException();
        }
        Pair<K, C> pair = Pair.of(drained.key(next), drained.value(next));
        next++;
        return pair;
      }
    };
  }

  /** Reads a spill file's alternating key and combiner records as pairs. */
  private static final class PairReader<K, C> implements Iterator<Pair<K, C>> {
    private final RecordInput input;

    PairReader(RecordInput input) {
      this.input = input;
    }

    @Override
    public boolean hasNext() {
      return input.hasNext();
    }

    @Override
    @SuppressWarnings("unchecked") // the file holds only keys and combiners written as K and C
    public Pair<K, C> next() {
      if (!input.hasNext()) {
        throw new NoSuchElementException();
      }
      K key = (K) input.next();
      if (!input.hasNext()) {
        throw new SerializationException("spill file ends after a key, without its combiner");
      }
      return Pair.of(key, (C) input.next());
    }
  }
}
