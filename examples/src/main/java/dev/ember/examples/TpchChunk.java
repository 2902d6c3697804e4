package dev.ember.examples;

import static java.util.Objects.requireNonNull;

import io.trino.tpch.TpchEntity;
import io.trino.tpch.TpchTable;
import java.io.Serializable;
import java.util.Iterator;

/**
 * One chunk of a TPC-H table: the rows that dbgen would write for {@code -C partCount -S part}.
 * {@link TpchGenerate} parallelizes these small descriptors and calls {@link #lines()} inside the
 * task, so the rows are generated on the executor, never on the driver.
 *
 * <p>The chunks {@code 1..partCount} of a table together hold exactly the rows of the whole table,
 * each once, because the generator ({@code io.trino.tpch}, a port of dbgen) skips its random
 * streams ahead to the first row of a chunk.
 *
 * @param table a TPC-H table name as {@link TpchTable#getTableName()} spells it, e.g. {@code
 *     lineitem}
 * @param scaleFactor the TPC-H scale factor (SF), e.g. 1 for about 1 GB of text
 * @param part the chunk number, from 1 to {@code partCount}
 * @param partCount how many chunks the table is cut into
 */
record TpchChunk(String table, double scaleFactor, int part, int partCount)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  TpchChunk {
    requireNonNull(table, "table is null");
    if (partCount < 1 || part < 1 || part > partCount) {
      throw new IllegalArgumentException(
          "chunk " + part + " of " + partCount + " of " + table + ": need 1 <= part <= partCount");
    }
  }

  /**
   * The chunk's rows, lazily, each in dbgen's text format: the columns separated by {@code |}, with
   * a trailing {@code |} and no line terminator ({@link TpchEntity#toLine()}).
   */
  Iterator<String> lines() {
    return lines(TpchTable.getTable(table));
  }

  private <E extends TpchEntity> Iterator<String> lines(TpchTable<E> tpchTable) {
    Iterator<E> rows = tpchTable.createGenerator(scaleFactor, part, partCount).iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public String next() {
        return rows.next().toLine();
      }
    };
  }
}
