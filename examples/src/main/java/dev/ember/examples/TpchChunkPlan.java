package dev.ember.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decides how many chunks (tasks, and so part files) {@link TpchGenerate} cuts each TPC-H table
 * into: enough that a part file is about {@link #TARGET_CHUNK_BYTES}, at least the default
 * parallelism so that every task slot works, and never more chunks than the table has units to cut
 * (rows; orders for {@code lineitem} and parts for {@code partsupp}, whose rows the generator makes
 * order by order and part by part). {@code nation} and {@code region} have fixed contents and are
 * always one chunk.
 */
final class TpchChunkPlan {
  /** About how large a part file should be: tens of MB, as a split of an HDFS block would be. */
  static final long TARGET_CHUNK_BYTES = 32L << 20;

  /**
   * Per table at SF 1: how many units the generator can cut the table at (the row counts of the
   * TPC-H specification, clause 4.2.5; for lineitem the orders, for partsupp the parts) and about
   * how many bytes dbgen writes. Tables missing here (nation, region) do not scale.
   */
  private static final Map<String, TableSize> SIZES_AT_SF1 =
      Map.of(
          "customer", new TableSize(150_000, 24_346_144L),
          "orders", new TableSize(1_500_000, 171_952_161L),
          "lineitem", new TableSize(1_500_000, 759_863_287L),
          "part", new TableSize(200_000, 24_135_125L),
          "partsupp", new TableSize(200_000, 118_984_616L),
          "supplier", new TableSize(10_000, 1_409_184L));

  private TpchChunkPlan() {}

  /**
   * The chunks of {@code table} at {@code scaleFactor}, numbered from 1.
   *
   * @param table a TPC-H table name, e.g. {@code lineitem}
   * @param scaleFactor a positive scale factor
   * @param defaultParallelism the session's default parallelism (task slots), at least 1
   */
  static List<TpchChunk> chunks(String table, double scaleFactor, int defaultParallelism) {
    int count = chunkCount(table, scaleFactor, defaultParallelism);
    List<TpchChunk> chunks = new ArrayList<>(count);
    for (int part = 1; part <= count; part++) {
      chunks.add(new TpchChunk(table, scaleFactor, part, count));
    }
    return chunks;
  }

  /** How many chunks {@link #chunks} makes; see the class comment. */
  static int chunkCount(String table, double scaleFactor, int defaultParallelism) {
    TableSize size = SIZES_AT_SF1.get(table);
    if (size == null) {
      return 1;
    }
    long units = Math.max(1, (long) (size.units() * scaleFactor));
    long bySize = (long) Math.ceil(size.bytes() * scaleFactor / TARGET_CHUNK_BYTES);
    long wanted = Math.max(bySize, defaultParallelism);
    return (int) Math.min(Math.min(wanted, units), Integer.MAX_VALUE);
  }

  /** The units a table can be cut at and its size in bytes, both at SF 1. */
  private record TableSize(long units, long bytes) {}
}
