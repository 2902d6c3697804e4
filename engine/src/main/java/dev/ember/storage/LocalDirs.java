package dev.ember.storage;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An executor's local scratch space (Spark's {@code DiskBlockManager}): one directory per executor
 * under each configured local dir, holding shuffle data and index files, spill files and
 * disk-cached blocks. Files are spread over the dirs by hash. {@link #close()} deletes everything.
 * Thread-safe.
 */
public final class LocalDirs implements AutoCloseable {
  private final List<Path> roots;
  private final AtomicLong tempCounter = new AtomicLong();

  /**
   * Creates {@code ember-<executorId>-<random>} under each of {@code parents}.
   *
   * @throws UncheckedIOException naming the directory that cannot be created
   */
  public LocalDirs(List<Path> parents, String executorId) {
    checkArgument(!parents.isEmpty(), "at least one local dir is needed");
    String name = "ember-" + executorId + "-" + UUID.randomUUID();
    List<Path> created = new ArrayList<>();
    for (Path parent : parents) {
      Path dir = parent.resolve(name);
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(
            "cannot create local dir " + dir + " (check ember.local.dirs and its permissions)", e);
      }
      created.add(dir);
    }
    this.roots = List.copyOf(created);
  }

  /** The executor's directories, one per configured local dir. */
  public List<Path> roots() {
    return roots;
  }

  /** A path for the named file, in the dir chosen by the name's hash (not created). */
  public Path file(String name) {
    return roots.get(Math.floorMod(name.hashCode(), roots.size())).resolve(name);
  }

  /** A fresh path for a spill file with the given prefix (not created). */
  public Path newTempFile(String prefix) {
    return file(prefix + "-" + tempCounter.incrementAndGet() + "-" + UUID.randomUUID());
  }

  /** Deletes every file under the executor's directories and the directories themselves. */
  @Override
  public void close() {
    for (Path root : roots) {
      try {
        if (Files.exists(root)) {
          MoreFiles.deleteRecursively(root, RecursiveDeleteOption.ALLOW_INSECURE);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete local dir " + root, e);
      }
    }
  }
}
