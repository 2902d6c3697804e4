package dev.ember.benchmarks.yarn.mr;

import dev.ember.benchmarks.workloads.Answers;
import dev.ember.benchmarks.workloads.LineItem;
import dev.ember.benchmarks.workloads.Q1Aggregate;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * The MapReduce side of the benchmark's workloads: mappers and reducers written as Hadoop's own
 * examples write them ({@code WordCount}'s {@code TokenizerMapper} and {@code IntSumReducer}),
 * using the same parsing and answer functions as the Ember and Spark jobs.
 */
final class Mappers {
  private Mappers() {}

  /** {@code trivial}: passes each input line through (a map-only job). */
  static final class Identity extends Mapper<LongWritable, Text, Text, NullWritable> {
    @Override
    protected void map(LongWritable offset, Text line, Context context)
        throws IOException, InterruptedException {
      context.write(line, NullWritable.get());
    }
  }

  /** {@code wordcount}: {@code (word, 1)} for each word of {@code l_comment}. */
  static final class Words extends Mapper<LongWritable, Text, Text, LongWritable> {
    private static final LongWritable ONE = new LongWritable(1);
    private final Text word = new Text();

    @Override
    protected void map(LongWritable offset, Text line, Context context)
        throws IOException, InterruptedException {
      for (String w : Answers.words(LineItem.comment(line.toString()))) {
        word.set(w);
        context.write(word, ONE);
      }
    }
  }

  /** {@code wordcount}'s combiner and reducer: the sum of the counts. */
  static final class Sum extends Reducer<Text, LongWritable, Text, LongWritable> {
    private final LongWritable total = new LongWritable();

    @Override
    protected void reduce(Text word, Iterable<LongWritable> counts, Context context)
        throws IOException, InterruptedException {
      long sum = 0;
      for (LongWritable c : counts) {
        sum += c.get();
      }
      total.set(sum);
      context.write(word, total);
    }
  }

  /** {@code q1}: {@code (returnflag|linestatus, sums of the row)} for each selected row. */
  static final class Q1 extends Mapper<LongWritable, Text, Text, Q1Writable> {
    private final Text group = new Text();
    private final Q1Writable value = new Q1Writable();

    @Override
    protected void map(LongWritable offset, Text line, Context context)
        throws IOException, InterruptedException {
      LineItem item = LineItem.parse(line.toString());
      if (Q1Aggregate.selected(item)) {
        group.set(Q1Aggregate.group(item));
        context.write(group, value.set(Q1Aggregate.of(item)));
      }
    }
  }

  /** {@code q1}'s combiner and reducer: the group's sums. */
  static final class Q1Sum extends Reducer<Text, Q1Writable, Text, Q1Writable> {
    private final Q1Writable value = new Q1Writable();

    @Override
    protected void reduce(Text group, Iterable<Q1Writable> sums, Context context)
        throws IOException, InterruptedException {
      Q1Aggregate total = null;
      for (Q1Writable s : sums) {
        total = total == null ? s.get() : Q1Aggregate.plus(total, s.get());
      }
      if (total != null) {
        context.write(group, value.set(total));
      }
    }
  }
}
