package dev.ember.benchmarks.workloads;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Where a TPC-H table's part files are, as {@code TpchGenerate} writes them. */
public final class Tables {
  private Tables() {}

  /** The directory of {@code table} under {@code dataDir}. */
  public static Path directory(Path dataDir, String table) {
    return dataDir.resolve(table);
  }

  /**
   * The table's part files ({@code part-*}, in name order).
   *
   * @throws IllegalArgumentException naming the directory if it has none
   */
  public static List<Path> partFiles(Path dataDir, String table) {
    Path dir = directory(dataDir, table);
    List<Path> parts = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(p -> p.getFileName().toString().startsWith("part-"))
          .sorted()
          .forEach(parts::add);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    if (parts.isEmpty()) {
      throw new IllegalArgumentException(
          dir + " has no part files; generate the data with benchmarks/run.sh");
    }
    return parts;
  }

  /** The table's total size in bytes. */
  public static long bytes(Path dataDir, String table) {
    long total = 0;
    for (Path p : partFiles(dataDir, table)) {
      try {
        total += Files.size(p);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return total;
  }

  /** Calls {@code lines} with each line of the table, in one thread. */
  public static void forEachLine(Path dataDir, String table, Consumer<String> lines) {
    for (Path p : partFiles(dataDir, table)) {
      try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          lines.accept(line);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + p, e);
      }
    }
  }
}
