package dev.ember.examples;

import static java.util.Objects.requireNonNull;

import io.trino.tpch.TpchTable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The validated command line of {@link TpchGenerate}: {@code <scaleFactor> <outputDir>
 * [tables...]}.
 *
 * @param scaleFactor the TPC-H scale factor, from {@link #MIN_SCALE_FACTOR} to {@link
 *     #MAX_SCALE_FACTOR}
 * @param outputDir the directory (any Hadoop FileSystem path) under which each table gets a
 *     subdirectory of its own name
 * @param tables the tables to generate, in the order given, each once; all eight by default
 */
record TpchGenerateArguments(double scaleFactor, String outputDir, List<String> tables) {
  static final String USAGE =
      "usage: TpchGenerate <scaleFactor> <outputDir> [table...]   (tables: "
          + String.join(" ", allTableNames())
          + "; default all)";

  /** Below this, the supplier table (10,000 x SF rows) would be empty. */
  static final double MIN_SCALE_FACTOR = 0.0001;

  /** The largest scale factor the TPC-H specification defines. */
  static final double MAX_SCALE_FACTOR = 100_000;

  TpchGenerateArguments {
    requireNonNull(outputDir, "outputDir is null");
    tables = List.copyOf(tables);
  }

  /**
   * Parses and checks {@code args}.
   *
   * @throws IllegalArgumentException naming the offending argument: a wrong number of arguments, a
   *     scale factor that is not a number or out of range, an unknown or repeated table name
   */
  static TpchGenerateArguments parse(String... args) {
    if (args.length < 2) {
      throw new IllegalArgumentException("expected at least 2 arguments, got " + args.length);
    }
    double scaleFactor = parseScaleFactor(args[0]);
    List<String> tables = new ArrayList<>();
    if (args.length == 2) {
      tables.addAll(allTableNames());
    }
    Set<String> known = new LinkedHashSet<>(allTableNames());
    for (int i = 2; i < args.length; i++) {
      String table = args[i];
      if (!known.contains(table)) {
        throw new IllegalArgumentException(
            "unknown table '" + table + "'; the TPC-H tables are " + String.join(", ", known));
      }
      if (tables.contains(table)) {
        throw new IllegalArgumentException("table '" + table + "' is named twice");
      }
      tables.add(table);
    }
    return new TpchGenerateArguments(scaleFactor, args[1], tables);
  }

  private static double parseScaleFactor(String text) {
    double scaleFactor;
    try {
      scaleFactor = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "scale factor '" + text + "' is not a number; use e.g. 1 (about 1 GB) or 0.01", e);
    }
    if (!(scaleFactor >= MIN_SCALE_FACTOR && scaleFactor <= MAX_SCALE_FACTOR)) {
      throw new IllegalArgumentException(
          "scale factor "
              + text
              + " is out of range: it must be from 0.0001 (below that the supplier table,"
              + " 10,000 x SF rows, is empty) to 100000");
    }
    return scaleFactor;
  }

  /** The eight TPC-H table names, in the generator's order. */
  static List<String> allTableNames() {
    return TpchTable.getTables().stream().map(TpchTable::getTableName).toList();
  }
}
