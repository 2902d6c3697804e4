package dev.ember.collection;

import dev.ember.Pair;
import dev.ember.memory.MemoryManager;
import dev.ember.memory.TaskMemoryManager;
import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.KryoRecordSerializer;
import dev.ember.storage.LocalDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * A task attempt's environment for spilling collections: a real memory manager with a tiny budget
 * (nothing cached, so nothing to evict), a Kryo serializer and local dirs under a test directory.
 */
final class SpillFixture implements AutoCloseable {
  /** Strings with equal hash codes ("Aa" and "BB" both hash to 2112). */
  static final List<String> COLLIDING_KEYS = List.of("Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB");

  final MemoryManager memoryManager;
  final TaskMemoryManager memory;
  final TaskMetrics metrics = new TaskMetrics();
  final KryoRecordSerializer serializer = new KryoRecordSerializer();
  final LocalDirs localDirs;

  SpillFixture(Path tempDir, long budget) {
    this.memoryManager = new MemoryManager(budget, 0.5, bytes -> 0);
    this.memory = new TaskMemoryManager(memoryManager, 1);
    this.localDirs = new LocalDirs(List.of(tempDir.resolve("local")), "exec-1");
  }

  /** Number of files in the local dirs (spill files, as nothing else is written there). */
  long filesInLocalDirs() {
    long count = 0;
    for (Path root : localDirs.roots()) {
      try (Stream<Path> files = Files.list(root)) {
        count += files.count();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return count;
  }

  /**
   * Random (key, value) records with a skewed hot key, null keys, colliding keys and a long tail of
   * distinct keys.
   */
  static List<Pair<String, Integer>> randomRecords(long seed, int count) {
    Random random = new Random(seed);
    List<Pair<String, Integer>> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int dice = random.nextInt(100);
      String key;
      if (dice < 30) {
        key = "hot";
      } else if (dice < 35) {
        key = null;
      } else if (dice < 45) {
        key = COLLIDING_KEYS.get(random.nextInt(COLLIDING_KEYS.size()));
      } else {
        key = "key-" + random.nextInt(5_000);
      }
      records.add(Pair.of(key, random.nextInt(1_000)));
    }
    return records;
  }

  @Override
  public void close() {
    localDirs.close();
  }
}
