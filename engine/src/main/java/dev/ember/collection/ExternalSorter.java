package dev.ember.collection;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.Iterators;
import dev.ember.memory.SizeTracker;
import dev.ember.memory.Spillable;
import dev.ember.memory.TaskMemoryManager;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.RecordSerializer;
import dev.ember.storage.LocalDirs;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Sorts more elements than fit in a task's execution memory: an external merge sort. Elements are
 * buffered in memory; when the buffer outgrows the memory it can get (see {@link Spillable}) it is
 * sorted and written to disk as one sorted run, and {@link #iterator()} merges all runs and the
 * sorted remainder of the buffer with a k-way merge over their heads. This is the sorting half of
 * Spark's {@code ExternalSorter}.
 *
 * <p>Elements the comparator finds equal come out in no particular order (the sort is not stable
 * across runs). Runs are written with the given {@link RecordSerializer}, one element per record,
 * to files in the executor's {@link LocalDirs}.
 *
 * <p>Lifecycle: {@link #insert} any number of times, then {@link #iterator()} once. The spill files
 * are deleted and the memory released when the iterator is exhausted, or by {@link #close()}, which
 * the owner must call on every path (it is idempotent). Not thread-safe: one task thread.
 *
 * @param <T> element type; elements must be serializable by the record serializer
 */
public final class ExternalSorter<T> extends Spillable implements AutoCloseable {
  private final Comparator<? super T> comparator;
  private final SpillFiles spills;
  private final SizeTracker sizeTracker = new SizeTracker();
  private List<T> buffer = new ArrayList<>();
  private boolean iterated;
  private boolean closed;

  /**
   * @param comparator the sort order; called on the task thread, exceptions it throws propagate
   * @param serializer writes and reads the sorted runs
   * @param localDirs where run files are created
   * @param memory the task attempt's execution memory
   * @param metrics the task attempt's counters; each run written is recorded as a spill
   */
  public ExternalSorter(
      Comparator<? super T> comparator,
      RecordSerializer serializer,
      LocalDirs localDirs,
      TaskMemoryManager memory,
      TaskMetrics metrics) {
    super(memory, metrics);
    this.comparator = requireNonNull(comparator, "comparator is null");
    this.spills = new SpillFiles(localDirs, serializer, "sort-run");
  }

  /**
   * Adds one element, possibly spilling the buffer to a sorted run on disk.
   *
   * @param element the element; {@code null} only if the comparator accepts it
   * @throws IllegalStateException after {@link #iterator()} or {@link #close()}
   * @throws java.io.UncheckedIOException if a run cannot be written
   */
  public void insert(T element) {
    checkState(!iterated && !closed, "cannot insert into a sorter after iterator() or close()");
    buffer.add(element);
    sizeTracker.afterUpdate(buffer);
    maybeSpill(sizeTracker.estimatedSize());
  }

  @Override
  protected long spill() {
    buffer.sort(comparator);
    List<T> run = buffer;
    long bytes = spills.write(out -> run.forEach(out::write));
    buffer = new ArrayList<>();
    sizeTracker.reset();
    return bytes;
  }

  /**
   * All inserted elements in the comparator's order. May be called once.
   *
   * @throws IllegalStateException if called twice or after {@link #close()}
   * @throws dev.ember.serializer.SerializationException if a run cannot be read back
   */
  public Iterator<T> iterator() {
    checkState(!iterated && !closed, "iterator() may be called once, before close()");
    iterated = true;
    buffer.sort(comparator);
    List<Iterator<T>> sources = new ArrayList<>();
    for (var file : spills.files()) {
      @SuppressWarnings("unchecked") // the run holds only elements inserted as T
      Iterator<T> run = (Iterator<T>) (Iterator<?>) spills.openInput(file);
      sources.add(run);
    }
    sources.add(buffer.iterator());
    Iterator<T> merged =
        sources.size() == 1 ? sources.get(0) : Iterators.mergeSorted(sources, comparator);
    return new CompletionIterator<>(merged, this::close);
  }

  /** Closes and deletes the runs and releases the memory. Idempotent; safe on failure paths. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    buffer = new ArrayList<>();
    try {
      spills.close();
    } finally {
      releaseMemory();
    }
  }
}
