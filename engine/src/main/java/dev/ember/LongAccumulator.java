package dev.ember;

/** An accumulator of {@code long} sums, e.g. a count of malformed records. */
public final class LongAccumulator extends Accumulator<Long, Long> {
  private static final long serialVersionUID = 1L;

  private long sum;

  LongAccumulator(String name) {
    super(name);
  }

  private LongAccumulator(LongAccumulator original) {
    super(original);
  }

  @Override
  public synchronized void add(Long value) {
    sum += value;
  }

  /** Adds without boxing. */
  public synchronized void add(long value) {
    sum += value;
  }

  @Override
  public synchronized Long value() {
    return sum;
  }

  @Override
  public LongAccumulator copyAndReset() {
    return new LongAccumulator(this);
  }

  @Override
  public void merge(Accumulator<Long, Long> other) {
    add(other.value().longValue());
  }
}
