package dev.ember.examples;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads an output directory the way a user would: its part files, in name order. */
final class PartFiles {
  private PartFiles() {}

  /** The names of the {@code part-*} files directly under {@code directory}, sorted. */
  static List<String> names(Path directory) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.startsWith("part-"))
          .sorted()
          .toList();
    }
  }

  /** All lines of all part files under {@code directory}, part after part. */
  static List<String> lines(Path directory) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String name : names(directory)) {
      lines.addAll(Files.readAllLines(directory.resolve(name)));
    }
    return lines;
  }
}
