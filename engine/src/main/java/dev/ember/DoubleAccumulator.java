package dev.ember;

/** An accumulator of {@code double} sums. */
public final class DoubleAccumulator extends Accumulator<Double, Double> {
  private static final long serialVersionUID = 1L;

  private double sum;

  DoubleAccumulator(String name) {
    super(name);
  }

  private DoubleAccumulator(DoubleAccumulator original) {
    super(original);
  }

  @Override
  public synchronized void add(Double value) {
    sum += value;
  }

  /** Adds without boxing. */
  public synchronized void add(double value) {
    sum += value;
  }

  @Override
  public synchronized Double value() {
    return sum;
  }

  @Override
  public DoubleAccumulator copyAndReset() {
    return new DoubleAccumulator(this);
  }

  @Override
  public void merge(Accumulator<Double, Double> other) {
    add(other.value().doubleValue());
  }
}
