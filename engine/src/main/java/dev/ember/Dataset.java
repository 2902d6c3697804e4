package dev.ember;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.collect.Iterators;
import com.google.common.collect.Lists;
import dev.ember.function.FlatMapFunction;
import dev.ember.function.Function;
import dev.ember.function.Function2;
import dev.ember.function.PartitionFunction;
import dev.ember.function.SerializableComparator;
import dev.ember.function.VoidFunction;
import dev.ember.lineage.CoalescedDataset;
import dev.ember.lineage.Dependency;
import dev.ember.lineage.MapPartitionsDataset;
import dev.ember.lineage.Sampling;
import dev.ember.lineage.Sneaky;
import dev.ember.lineage.UnionDataset;
import dev.ember.scheduler.TaskLocation;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A lazy, immutable, partitioned collection of elements with its lineage (Spark's RDD). Every
 * transformation returns a new dataset that remembers how to compute its partitions from its
 * parents; nothing runs until an action (collect, count, save...) starts a job, which the DAG
 * scheduler splits into stages at shuffle boundaries and runs as one task per partition.
 *
 * <p>User functions passed to transformations are serialized into tasks (Java serialization) and
 * run on executor task threads; elements cross shuffles and return to the driver through the record
 * serializer (Kryo). A function that cannot be serialized fails the action when it starts, naming
 * the class and captured field.
 *
 * <p>Instances are safe to share between driver threads; actions from several threads run as
 * separate jobs. Subclasses implement the lineage contract ({@link #computePartitions}, {@link
 * #compute}, {@link #dependencies}); they are engine internals.
 *
 * @param <T> element type
 */
public abstract class Dataset<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final transient EmberSession session;
  private final int id;
  private final String creationSite;
  private volatile StorageLevel storageLevel = StorageLevel.NONE;
  // Computed once on the driver when first planned, then shipped with tasks.
  private volatile Partition[] partitions;

  protected Dataset(EmberSession session) {
    this.session = requireNonNull(session, "session is null");
    this.id = session.newDatasetId();
    this.creationSite = CallSite.find();
  }

  // ---------------------------------------------------------------- lineage contract

  /** Computes this dataset's partitions; called once, on the driver. */
  protected abstract Partition[] computePartitions();

  /** Computes one partition's elements from its parents; runs on a task thread. */
  public abstract Iterator<T> compute(Partition partition, TaskContext context);

  /** The parents this dataset derives from. */
  public abstract List<Dependency> dependencies();

  /** Hosts or executors where {@code partition} is cheapest to compute; default none. */
  public List<TaskLocation> preferredLocations(Partition partition) {
    return List.of();
  }

  /** How elements (pairs) are partitioned by key, if known; lets joins skip a shuffle. */
  public Optional<Partitioner> partitioner() {
    return Optional.empty();
  }

  // ---------------------------------------------------------------- identity and metadata

  /** The dataset's application-unique id. */
  public final int id() {
    return id;
  }

  /** The user code location that created this dataset, e.g. {@code map at WordCount.java:41}. */
  public final String creationSite() {
    return creationSite;
  }

  /** The session that created this dataset (driver only). */
  public final EmberSession session() {
    return requireNonNull(session, "a dataset's session is only available on the driver");
  }

  /** The partitions, computed on first use. */
  public final Partition[] partitions() {
    Partition[] p = partitions;
    if (p == null) {
      synchronized (this) {
        p = partitions;
        if (p == null) {
          p = computePartitions();
          for (int i = 0; i < p.length; i++) {
            checkArgument(p[i].index() == i, "partition %s has index %s", i, p[i].index());
          }
          partitions = p;
        }
      }
    }
    return p;
  }

  public final int numPartitions() {
    return partitions().length;
  }

  public final StorageLevel storageLevel() {
    return storageLevel;
  }

  /**
   * The elements of {@code partition}, from the executor's cache when this dataset is persisted and
   * the block is there, otherwise computed (and cached, if persisted). Called on task threads.
   */
  public final Iterator<T> iterator(Partition partition, TaskContext context) {
    StorageLevel level = storageLevel;
    if (level == StorageLevel.NONE) {
      return compute(partition, context);
    }
    return context.env().blockManager().getOrCompute(this, partition, level, context);
  }

  // ---------------------------------------------------------------- transformations

  /** One output element per input element. */
  public <R> Dataset<R> map(Function<T, R> f) {
    requireNonNull(f, "f is null");
    return mapPartitionsWithIndex((i, it) -> Iterators.transform(it, x -> call(f, x)), false);
  }

  /** Zero or more output elements per input element. */
  public <R> Dataset<R> flatMap(FlatMapFunction<T, R> f) {
    requireNonNull(f, "f is null");
    return mapPartitionsWithIndex(
        (i, it) -> Iterators.concat(Iterators.transform(it, x -> callFlat(f, x))), false);
  }

  /** The elements for which {@code predicate} returns true. */
  public Dataset<T> filter(Function<T, Boolean> predicate) {
    requireNonNull(predicate, "predicate is null");
    return mapPartitionsWithIndex((i, it) -> Iterators.filter(it, x -> call(predicate, x)), true);
  }

  /** Transforms each partition as a whole, e.g. to open one connection per partition. */
  public <R> Dataset<R> mapPartitions(FlatMapFunction<Iterator<T>, R> f) {
    requireNonNull(f, "f is null");
    return mapPartitionsWithIndex((i, it) -> f.call(it), false);
  }

  /**
   * Transforms each partition with its index.
   *
   * @param preservesPartitioning whether {@code f} keeps pairs' keys unchanged, so that the
   *     parent's partitioner still holds
   */
  public <R> Dataset<R> mapPartitionsWithIndex(
      PartitionFunction<T, R> f, boolean preservesPartitioning) {
    return new MapPartitionsDataset<>(this, requireNonNull(f, "f is null"), preservesPartitioning);
  }

  /** Pairs each element with the key {@code f} computes. */
  public <K> PairDataset<K, T> keyBy(Function<T, K> f) {
    requireNonNull(f, "f is null");
    return new PairDataset<>(map(x -> Pair.of(f.call(x), x)));
  }

  /** Maps each element to a key-value pair. */
  public <K, V> PairDataset<K, V> mapToPair(Function<T, Pair<K, V>> f) {
    return new PairDataset<>(map(f));
  }

  /** The elements of both datasets, partitions of this one first (duplicates kept). */
  public Dataset<T> union(Dataset<T> other) {
    return new UnionDataset<>(session(), List.of(this, requireNonNull(other, "other is null")));
  }

  /** The distinct elements (by {@code equals}), with the default number of partitions. */
  public Dataset<T> distinct() {
    return distinct(session().defaultParallelism());
  }

  /** The distinct elements (by {@code equals}) in {@code numPartitions} partitions. */
  public Dataset<T> distinct(int numPartitions) {
    return mapToPair(x -> Pair.of(x, Boolean.TRUE)).reduceByKey((a, b) -> a, numPartitions).keys();
  }

  /**
   * A random sample: each element is kept with probability {@code fraction} (without replacement),
   * or appears a Poisson({@code fraction}) number of times (with replacement), as Spark samples.
   * The same seed gives the same sample.
   */
  public Dataset<T> sample(boolean withReplacement, double fraction, long seed) {
    checkArgument(fraction >= 0, "fraction must be non-negative, was %s", fraction);
    checkArgument(
        withReplacement || fraction <= 1,
        "fraction must be at most 1 without replacement, was %s",
        fraction);
    return mapPartitionsWithIndex(
        (i, it) -> Sampling.sample(it, withReplacement, fraction, seed, i), true);
  }

  /**
   * Fewer partitions without a shuffle: each new partition reads a contiguous range of the old
   * ones. Use {@link #repartition} to increase the number of partitions or rebalance skew.
   */
  public Dataset<T> coalesce(int numPartitions) {
    checkArgument(numPartitions >= 1, "numPartitions must be at least 1, was %s", numPartitions);
    return new CoalescedDataset<>(this, numPartitions);
  }

  /** Exactly {@code numPartitions} partitions of about equal size, through a shuffle. */
  public Dataset<T> repartition(int numPartitions) {
    checkArgument(numPartitions >= 1, "numPartitions must be at least 1, was %s", numPartitions);
    return mapPartitionsWithIndex(
            (index, it) -> {
              // Round-robin from a per-partition start, so that small partitions spread out too.
              int[] next = {Math.floorMod(Sampling.mix(index), numPartitions)};
              return Iterators.transform(
                  it,
                  x -> {
                    int target = next[0];
                    next[0] = (target + 1) % numPartitions;
                    return Pair.of(target, x);
                  });
            },
            false)
        .transform(d -> new PairDataset<>(d))
        .partitionBy(new IdentityPartitioner(numPartitions))
        .values();
  }

  /**
   * Pairs each element with its index in the dataset's order (partition order, then position). Like
   * Spark, this runs a job at once to count the elements of all but the last partition.
   */
  public PairDataset<T, Long> zipWithIndex() {
    int n = numPartitions();
    List<Long> counts =
        n <= 1
            ? List.of()
            : session()
                .runJob(
                    this,
                    (ctx, it) -> (long) Iterators.size(it),
                    java.util.stream.IntStream.range(0, n - 1).boxed().toList());
    long[] starts = new long[n];
    for (int i = 1; i < n; i++) {
      starts[i] = starts[i - 1] + counts.get(i - 1);
    }
    return new PairDataset<>(
        mapPartitionsWithIndex(
            (index, it) -> {
              long[] position = {starts[index]};
              return Iterators.transform(it, x -> Pair.of(x, position[0]++));
            },
            false));
  }

  /** The elements sorted by the key {@code f} extracts (natural order), through a shuffle. */
  public <K extends Comparable<? super K>> Dataset<T> sortBy(
      Function<T, K> f, boolean ascending, int numPartitions) {
    return keyBy(f).sortByKey(ascending, numPartitions).values();
  }

  /** Applies {@code f} to this dataset (for fluent chaining of helper methods). */
  public <R> R transform(java.util.function.Function<Dataset<T>, R> f) {
    return f.apply(this);
  }

  // ---------------------------------------------------------------- persistence

  /** Persists with {@link StorageLevel#MEMORY_ONLY}. */
  public Dataset<T> cache() {
    return persist(StorageLevel.MEMORY_ONLY);
  }

  /**
   * Keeps partitions on executors after they are first computed, so that later actions reuse them
   * instead of recomputing the lineage. Returns this dataset.
   *
   * @throws IllegalStateException if already persisted at a different level
   */
  public Dataset<T> persist(StorageLevel level) {
    requireNonNull(level, "level is null");
    if (storageLevel != StorageLevel.NONE && storageLevel != level) {
      throw new IllegalStateException(
          "dataset "
              + id
              + " is already persisted as "
              + storageLevel
              + "; unpersist() it before persisting as "
              + level);
    }
    storageLevel = level; // executors cache partitions as tasks first compute them
    return this;
  }

  /** Drops cached partitions from every executor and stops caching. Returns this dataset. */
  public Dataset<T> unpersist() {
    storageLevel = StorageLevel.NONE;
    session().unpersist(id);
    return this;
  }

  // ---------------------------------------------------------------- actions

  /** All elements, in partition order, as a list on the driver (mind the driver's memory). */
  public List<T> collect() {
    List<ArrayList<T>> parts = runAll((ctx, it) -> Lists.newArrayList(it));
    List<T> all = new ArrayList<>();
    parts.forEach(all::addAll);
    return all;
  }

  /** The number of elements. */
  public long count() {
    long total = 0;
    for (long c : runAll((ctx, it) -> (long) Iterators.size(it))) {
      total += c;
    }
    return total;
  }

  /**
   * The first element.
   *
   * @throws java.util.NoSuchElementException if the dataset is empty
   */
  public T first() {
    List<T> one = take(1);
    if (one.isEmpty()) {
      throw new java.util.NoSuchElementException("first() on an empty dataset (id " + id + ")");
    }
    return one.get(0);
  }

  /**
   * The first {@code n} elements in partition order. Scans one partition first, then progressively
   * more (4x each round, as Spark does), so small takes do not compute everything.
   */
  public List<T> take(int n) {
    checkArgument(n >= 0, "n must be non-negative, was %s", n);
    List<T> taken = new ArrayList<>();
    int total = numPartitions();
    int scanned = 0;
    int batch = 1;
    while (taken.size() < n && scanned < total) {
      int want = n - taken.size();
      List<Integer> range =
          java.util.stream.IntStream.range(scanned, Math.min(total, scanned + batch))
              .boxed()
              .toList();
      List<ArrayList<T>> parts =
          session().runJob(this, (ctx, it) -> Lists.newArrayList(Iterators.limit(it, want)), range);
      for (List<T> part : parts) {
        for (T x : part) {
          if (taken.size() < n) {
            taken.add(x);
          }
        }
      }
      scanned += range.size();
      batch *= 4;
    }
    return taken;
  }

  /**
   * Reduces the elements with an associative, commutative function.
   *
   * @throws UnsupportedOperationException if the dataset is empty
   */
  public T reduce(Function2<T, T, T> f) {
    requireNonNull(f, "f is null");
    List<Optional<T>> parts =
        runAll(
            (ctx, it) -> {
              if (!it.hasNext()) {
                return Optional.empty();
              }
              T acc = it.next();
              while (it.hasNext()) {
                acc = f.call(acc, it.next());
              }
              return Optional.ofNullable(acc);
            });
    Optional<T> result = Optional.empty();
    for (Optional<T> part : parts) {
      if (part.isPresent()) {
        result =
            result.isPresent() ? Optional.ofNullable(call2(f, result.get(), part.get())) : part;
      }
    }
    return result.orElseThrow(
        () -> new UnsupportedOperationException("reduce() on an empty dataset (id " + id + ")"));
  }

  /**
   * Folds each partition starting from {@code zero}, then the partition results starting from
   * {@code zero} again, as Spark's {@code fold} does; {@code zero} must be the identity of {@code
   * f}.
   */
  public T fold(T zero, Function2<T, T, T> f) {
    return aggregate(zero, f, f);
  }

  /**
   * Aggregates each partition with {@code seqOp} from a copy of {@code zero}, then merges the
   * partition results with {@code combOp} on the driver.
   */
  public <U> U aggregate(U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp) {
    requireNonNull(seqOp, "seqOp is null");
    requireNonNull(combOp, "combOp is null");
    byte[] zeroBytes = session().recordSerializer().toBytes(zero);
    List<U> parts =
        runAll(
            (ctx, it) -> {
              U acc = ctx.env().recordSerializer().fromBytes(zeroBytes);
              while (it.hasNext()) {
                acc = seqOp.call(acc, it.next());
              }
              return acc;
            });
    U result = session().recordSerializer().fromBytes(zeroBytes);
    for (U part : parts) {
      result = call2(combOp, result, part);
    }
    return result;
  }

  /** Runs {@code f} on every element, on the executors. */
  public void foreach(VoidFunction<T> f) {
    requireNonNull(f, "f is null");
    runAll(
        (ctx, it) -> {
          while (it.hasNext()) {
            f.call(it.next());
          }
          return Boolean.TRUE;
        });
  }

  /** Runs {@code f} once per partition, on the executors. */
  public void foreachPartition(VoidFunction<Iterator<T>> f) {
    requireNonNull(f, "f is null");
    runAll(
        (ctx, it) -> {
          f.call(it);
          return Boolean.TRUE;
        });
  }

  /** How many times each distinct element occurs, as a map on the driver. */
  public Map<T, Long> countByValue() {
    return mapToPair(x -> Pair.of(x, 1L)).reduceByKey(Long::sum).collectAsMap();
  }

  /** The {@code n} largest elements by {@code comparator}, largest first. */
  public List<T> top(int n, SerializableComparator<T> comparator) {
    requireNonNull(comparator, "comparator is null");
    SerializableComparator<T> reversed = (a, b) -> comparator.compare(b, a);
    return takeOrdered(n, reversed);
  }

  /** The {@code n} smallest elements by {@code comparator}, smallest first. */
  public List<T> takeOrdered(int n, SerializableComparator<T> comparator) {
    checkArgument(n >= 0, "n must be non-negative, was %s", n);
    requireNonNull(comparator, "comparator is null");
    List<List<T>> parts = runAll((ctx, it) -> smallest(it, n, comparator));
    List<T> merged = new ArrayList<>();
    parts.forEach(merged::addAll);
    return smallest(merged.iterator(), n, comparator);
  }

  /**
   * Writes each element's {@code toString()} as a line to part files {@code part-00000...} under
   * the directory {@code path} (any Hadoop FileSystem URI), committing through Hadoop's {@code
   * FileOutputCommitter} (algorithm version 1) and writing {@code _SUCCESS} last.
   *
   * @throws IllegalArgumentException if {@code path} already exists (checked before any task runs)
   */
  public void saveAsTextFile(String path) {
    TextOutput.save(this, requireNonNull(path, "path is null"));
  }

  // ---------------------------------------------------------------- helpers

  private <U> List<U> runAll(dev.ember.lineage.ResultFunction<T, U> f) {
    return session()
        .runJob(this, f, java.util.stream.IntStream.range(0, numPartitions()).boxed().toList());
  }

  private static <T> List<T> smallest(Iterator<T> it, int n, SerializableComparator<T> comparator) {
    if (n == 0) {
      return new ArrayList<>();
    }
    // Max-heap of the n smallest seen so far.
    PriorityQueue<T> heap = new PriorityQueue<>(n, (a, b) -> comparator.compare(b, a));
    while (it.hasNext()) {
      T x = it.next();
      if (heap.size() < n) {
        heap.add(x);
      } else if (comparator.compare(x, heap.peek()) < 0) {
        heap.poll();
        heap.add(x);
      }
    }
    ArrayList<T> out = new ArrayList<>(heap);
    out.sort(comparator);
    return out;
  }

  static <A, R> R call(Function<A, R> f, A x) {
    try {
      return f.call(x);
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
  }

  private static <A, R> Iterator<R> callFlat(FlatMapFunction<A, R> f, A x) {
    try {
      return f.call(x);
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
  }

  static <A, B, R> R call2(Function2<A, B, R> f, A a, B b) {
    try {
      return f.call(a, b);
    } catch (Exception e) {
      throw Sneaky.rethrow(e);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + id + "] at " + creationSite;
  }
}
