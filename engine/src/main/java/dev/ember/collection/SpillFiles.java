package dev.ember.collection;

import static java.util.Objects.requireNonNull;

import dev.ember.serializer.RecordInput;
import dev.ember.serializer.RecordOutput;
import dev.ember.serializer.RecordSerializer;
import dev.ember.storage.LocalDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The spill files of one collection and the record streams opened over them, so that {@link
 * #close()} can close and delete all of them on both the normal and the failure path. A file is
 * registered before it is written, so a half-written spill is deleted too. One task thread.
 */
final class SpillFiles implements AutoCloseable {
  private final LocalDirs localDirs;
  private final RecordSerializer serializer;
  private final String prefix;
  private final List<Path> files = new ArrayList<>();
  private final List<RecordInput> inputs = new ArrayList<>();

  SpillFiles(LocalDirs localDirs, RecordSerializer serializer, String prefix) {
    this.localDirs = requireNonNull(localDirs, "localDirs is null");
    this.serializer = requireNonNull(serializer, "serializer is null");
    this.prefix = requireNonNull(prefix, "prefix is null");
  }

  /** A fresh path in the local dirs, registered for deletion (not created). */
  Path newFile() {
    Path file = localDirs.newTempFile(prefix);
    files.add(file);
    return file;
  }

  /**
   * Writes a new spill file with {@code body} and closes it.
   *
   * @return the file's size in bytes
   */
  long write(Consumer<RecordOutput> body) {
    Path file = newFile();
    try (RecordOutput out = serializer.openOutput(Files.newOutputStream(file))) {
      body.accept(out);
    } catch (IOException e) {
      throw cannotWrite(file, e);
    }
    return size(file);
  }

  /** Opens a record stream over a spill file; it is closed by {@link #close()} at the latest. */
  RecordInput openInput(Path file) {
    try {
      RecordInput input = serializer.openInput(Files.newInputStream(file));
      inputs.add(input);
      return input;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spill file " + file, e);
    }
  }

  /** The registered files, in creation order. */
  List<Path> files() {
    return List.copyOf(files);
  }

  boolean isEmpty() {
    return files.isEmpty();
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stat spill file " + file, e);
    }
  }

  static UncheckedIOException cannotWrite(Path file, IOException e) {
    return new UncheckedIOException(
        "cannot write spill file " + file + " (is the local dir full? see ember.local.dirs)", e);
  }

  /**
   * Closes every opened stream and deletes every file. Idempotent.
   *
   * @throws UncheckedIOException if a file cannot be deleted (after trying all of them)
   */
  @Override
  public void close() {
    for (RecordInput input : inputs) {
      input.close();
    }
    inputs.clear();
    IOException failure = null;
    for (Path file : files) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    files.clear();
    if (failure != null) {
      throw new UncheckedIOException("cannot delete spill files", failure);
    }
  }
}
