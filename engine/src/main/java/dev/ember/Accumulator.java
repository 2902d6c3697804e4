package dev.ember;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A shared variable that tasks add to and only the driver reads (Spark's {@code AccumulatorV2}).
 * Each task attempt works on its own zeroed copy, which is shipped back with the attempt's result.
 * The driver merges a copy only from the attempt that first completes a partition, so for actions a
 * failed, retried or duplicate attempt is never counted twice; updates made inside transformations
 * of a stage that is re-run after a lost shuffle output are counted again, as in Spark.
 *
 * <p>Create accumulators with {@link EmberSession#longAccumulator} and its siblings. The driver's
 * instance is thread-safe for reading; task copies are used by one task thread.
 *
 * @param <IN> type of the values added
 * @param <OUT> type of the accumulated value
 */
public abstract class Accumulator<IN, OUT> implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final AtomicLong NEXT_ID = new AtomicLong();

  private final long id;
  private final String name;
  // True only on the instance the driver created: serializing it ships a zeroed copy instead.
  private final transient boolean atDriver;

  protected Accumulator(String name) {
    this(NEXT_ID.incrementAndGet(), name, true);
  }

  /** For {@link #copyAndReset()}: a copy with the same id, as seen by tasks. */
  protected Accumulator(Accumulator<IN, OUT> original) {
    this(original.id, original.name, false);
  }

  private Accumulator(long id, String name, boolean atDriver) {
    this.id = id;
    this.name = name;
    this.atDriver = atDriver;
  }

  /** The accumulator's application-unique id. */
  public final long id() {
    return id;
  }

  /** The name given at creation, used in logs and job summaries. */
  public final String name() {
    return name;
  }

  /** Adds a value; on a task, to the task's copy. */
  public abstract void add(IN value);

  /** The accumulated value; on the driver, the merge of all counted task updates. */
  public abstract OUT value();

  /** A new accumulator with the same id and a zero value. */
  public abstract Accumulator<IN, OUT> copyAndReset();

  /** Merges another copy's updates into this one (called on the driver). */
  public abstract void merge(Accumulator<IN, OUT> other);

  /** Serialization ships a zeroed copy of the driver's instance to tasks. */
  protected final Object writeReplace() {
    return atDriver ? copyAndReset() : this;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    TaskContext.get().ifPresent(context -> context.registerAccumulator(this));
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(id=" + id + ", name=" + name + ", value=" + value() + ")";
  }
}
