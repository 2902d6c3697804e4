package dev.ember.benchmarks.yarn.mr;

import dev.ember.benchmarks.workloads.Q1Aggregate;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.hadoop.io.Writable;

/**
 * A {@link Q1Aggregate} as a MapReduce value: its six sums ({@link Q1Aggregate#toLongs}), written
 * as six longs; {@link #toString} (what {@code TextOutputFormat} writes) is them comma-separated.
 * Mutable, as Hadoop's Writables are: the framework reuses one instance per task.
 */
public final class Q1Writable implements Writable {
  private long[] sums = new long[6];

  public Q1Writable() {}

  /** Sets this value to {@code aggregate}'s sums; returns this. */
  public Q1Writable set(Q1Aggregate aggregate) {
    this.sums = aggregate.toLongs();
    return this;
  }

  /** The aggregate this value holds. */
  public Q1Aggregate get() {
    return Q1Aggregate.fromLongs(sums);
  }

  /** The aggregate of a {@link #toString} line, e.g. read back from the job's output. */
  public static Q1Aggregate parse(String text) {
    return Q1Aggregate.fromLongs(
        Arrays.stream(text.split(",")).mapToLong(Long::parseLong).toArray());
  }

  @Override
  public void write(DataOutput out) throws IOException {
    for (long s : sums) {
      out.writeLong(s);
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    long[] read = new long[6];
    for (int i = 0; i < read.length; i++) {
      read[i] = in.readLong();
    }
    sums = read;
  }

  @Override
  public String toString() {
    return Arrays.stream(sums).mapToObj(Long::toString).collect(Collectors.joining(","));
  }
}
