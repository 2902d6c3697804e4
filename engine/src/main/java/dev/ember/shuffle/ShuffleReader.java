package dev.ember.shuffle;

import com.google.common.collect.AbstractIterator;
import com.google.common.collect.Iterators;
import dev.ember.Pair;
import dev.ember.TaskContext;
import dev.ember.collection.ExternalAggregator;
import dev.ember.collection.ExternalSorter;
import dev.ember.execution.ExecutorEnv;
import dev.ember.lineage.ShuffleDependency;
import dev.ember.scheduler.MapStatus;
import dev.ember.serializer.RecordInput;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * The reduce side of the shuffle (Spark's {@code BlockStoreShuffleReader}): fetches a reduce
 * partition's block from every map output, then combines values per key (external aggregation)
 * and/or sorts by key (external sort) as the dependency asks, spilling to disk when the task's
 * memory runs out. Runs on the reduce task's thread; the returned iterators are lazy.
 */
public final class ShuffleReader {
  private ShuffleReader() {}

  /** The aggregated and/or sorted pairs of reduce partition {@code reduceId}. */
  @SuppressWarnings("unchecked")
  public static <K, V, C> Iterator<Pair<K, C>> read(
      ShuffleDependency<K, V, C> dependency, int reduceId, TaskContext context) {
    Iterator<Pair<K, Object>> raw = readRaw(dependency, reduceId, context);
    Iterator<Pair<K, C>> combined;
    if (dependency.aggregator().isPresent()) {
      ExternalAggregator<K, V, C> aggregator =
          externalAggregator(dependency.aggregator().get(), context);
      while (raw.hasNext()) {
        Pair<K, Object> p = raw.next();
        if (dependency.mapSideCombine()) {
          aggregator.insertCombiner(p.key(), (C) p.value());
        } else {
          aggregator.insertValue(p.key(), (V) p.value());
        }
      }
      combined = aggregator.iterator();
    } else {
      combined = (Iterator<Pair<K, C>>) (Iterator<?>) raw;
    }
    if (dependency.keyOrdering().isEmpty()) {
      return combined;
    }
    Comparator<? super K> order = dependency.keyOrdering().get();
    ExecutorEnv env = context.env();
    var sorter =
        new ExternalSorter<Pair<K, C>>(
            (a, b) -> order.compare(a.key(), b.key()),
            env.recordSerializer(),
            env.localDirs(),
            context.memory(),
            context.metrics());
    context.addCompletionListener(sorter::close);
    while (combined.hasNext()) {
      sorter.insert(combined.next());
    }
    return sorter.iterator();
  }

  /**
   * The pairs of reduce partition {@code reduceId} exactly as map tasks wrote them (values, or
   * combiners after map-side combine), map output by map output.
   *
   * @throws FetchFailedException (from the iterator) if a map output is missing or unreadable
   */
  public static <K> Iterator<Pair<K, Object>> readRaw(
      ShuffleDependency<K, ?, ?> dependency, int reduceId, TaskContext context) {
    int shuffleId = dependency.shuffleId();
    ExecutorEnv env = context.env();
    List<MapStatus> statuses =
        env.driver()
            .mapOutputs(shuffleId)
            .orElseThrow(
                () ->
                    new FetchFailedException(
                        shuffleId, -1, reduceId, "", "map outputs are missing", null));
    List<MapStatus> nonEmpty = new ArrayList<>();
    for (MapStatus s : statuses) {
      if (s.length(reduceId) > 0) {
        nonEmpty.add(s);
      }
    }
    Iterator<Iterator<Pair<K, Object>>> blocks =
        Iterators.transform(nonEmpty.iterator(), s -> openBlock(shuffleId, s, reduceId, context));
    return Iterators.concat(blocks);
  }

  private static <K> Iterator<Pair<K, Object>> openBlock(
      int shuffleId, MapStatus location, int reduceId, TaskContext context) {
    InputStream in;
    try {
      in = context.env().shuffleFetcher().open(shuffleId, location, reduceId);
    } catch (IOException e) {
      throw new FetchFailedException(
          shuffleId, location.mapId(), reduceId, location.executorId(), e.toString(), e);
    }
    context.metrics().addShuffleRead(0, location.length(reduceId));
    RecordInput input = context.env().recordSerializer().openInput(in);
    context.addCompletionListener(input::close);
    return new AbstractIterator<>() {
      @Override
      @SuppressWarnings("unchecked")
      protected Pair<K, Object> computeNext() {
        if (!input.hasNext()) {
          return endOfData();
        }
        K key = (K) input.next();
        Object value = input.next();
        context.metrics().addShuffleRead(1, 0);
        return Pair.of(key, value);
      }
    };
  }

  /** Combines the values of each key of a partition already grouped by key (no shuffle). */
  public static <K, V, C> Iterator<Pair<K, C>> combineValues(
      dev.ember.shuffle.Aggregator<V, C> aggregator, Iterator<Pair<K, V>> values) {
    TaskContext context = TaskContext.get().orElseThrow();
    ExternalAggregator<K, V, C> external = externalAggregator(aggregator, context);
    while (values.hasNext()) {
      Pair<K, V> p = values.next();
      external.insertValue(p.key(), p.value());
    }
    return external.iterator();
  }

  /** Groups several inputs by key: for each key, one list of values per input, in input order. */
  public static <K> Iterator<Pair<K, List<List<Object>>>> cogroup(
      List<Iterator<Pair<K, Object>>> inputs, TaskContext context) {
    int n = inputs.size();
    var aggregator =
        new dev.ember.shuffle.Aggregator<Tagged, List<List<Object>>>(
            t -> {
              List<List<Object>> lists = new ArrayList<>(n);
              for (int i = 0; i < n; i++) {
                lists.add(new ArrayList<>());
              }
              lists.get(t.input()).add(t.value());
              return lists;
            },
            (lists, t) -> {
              lists.get(t.input()).add(t.value());
              return lists;
            },
            (a, b) -> {
              for (int i = 0; i < n; i++) {
                a.get(i).addAll(b.get(i));
              }
              return a;
            });
    ExternalAggregator<K, Tagged, List<List<Object>>> external =
        externalAggregator(aggregator, context);
    for (int i = 0; i < n; i++) {
      Iterator<Pair<K, Object>> it = inputs.get(i);
      while (it.hasNext()) {
        Pair<K, Object> p = it.next();
        external.insertValue(p.key(), new Tagged(i, p.value()));
      }
    }
    return external.iterator();
  }

  /** An external aggregator in the task's memory and scratch dirs, closed when the task ends. */
  private static <K, V, C> ExternalAggregator<K, V, C> externalAggregator(
      dev.ember.shuffle.Aggregator<V, C> aggregator, TaskContext context) {
    ExecutorEnv env = context.env();
    ExternalAggregator<K, V, C> external =
        new ExternalAggregator<>(
            aggregator,
            env.recordSerializer(),
            env.localDirs(),
            context.memory(),
            context.metrics());
    context.addCompletionListener(external::close);
    return external;
  }

  /** A value and the index of the cogroup input it came from. */
  record Tagged(int input, Object value) {}
}
