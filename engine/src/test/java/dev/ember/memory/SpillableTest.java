package dev.ember.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.metrics.TaskMetrics;
import org.junit.jupiter.api.Test;

class SpillableTest {
  private static final long BUDGET = 64 << 10;
  private static final long INITIAL = BUDGET / 64;

  /** A collection whose size the test sets, spilling "bytes" equal to that size. */
  private static final class FakeCollection extends Spillable {
    long size;
    int spills;

    FakeCollection(TaskMemoryManager memory, TaskMetrics metrics) {
      super(memory, metrics);
    }

    boolean insert(long newSize) {
      size = newSize;
      return maybeSpill(size);
    }

    @Override
    protected long spill() {
      spills++;
      long written = size;
      size = 0;
      return written;
    }

    void finish() {
      releaseMemory();
    }
  }

  private final MemoryManager memoryManager = new MemoryManager(BUDGET, 0.5, bytes -> 0);
  private final TaskMetrics metrics = new TaskMetrics();
  private final FakeCollection collection =
      new FakeCollection(new TaskMemoryManager(memoryManager, 7), metrics);

  @Test
  void acquiresTheInitialGrantOnFirstInsert() {
    assertThat(memoryManager.executionUsed()).isZero();
    collection.insert(10);
    assertThat(collection.memoryHeld()).isEqualTo(INITIAL);
    assertThat(memoryManager.executionUsed()).isEqualTo(INITIAL);
  }

  @Test
  void checksMemoryOnlyEveryThirtyTwoInserts() {
    for (int i = 1; i < Spillable.CHECK_INTERVAL; i++) {
      assertThat(collection.insert(10 * BUDGET)).isFalse();
    }
    assertThat(collection.insert(10 * BUDGET)).isTrue();
    assertThat(collection.spills).isEqualTo(1);
  }

  @Test
  void growsWhileMemoryLastsThenSpillsAndReturnsToTheInitialGrant() {
    long size = 0;
    int insert = 0;
    while (collection.spills == 0) {
      size += 100;
      insert++;
      collection.insert(size);
      assertThat(memoryManager.executionUsed()).isEqualTo(collection.memoryHeld());
      if (collection.spills == 0 && insert % Spillable.CHECK_INTERVAL == 0) {
        assertThat(collection.memoryHeld()).isGreaterThan(size);
      }
    }
    assertThat(size).isGreaterThanOrEqualTo(BUDGET);
    assertThat(metrics.spillCount()).isEqualTo(1);
    assertThat(metrics.bytesSpilled()).isEqualTo(size);
    assertThat(metrics.peakExecutionMemory()).isEqualTo(BUDGET);
    assertThat(collection.memoryHeld()).isEqualTo(INITIAL);
    assertThat(memoryManager.executionUsed()).isEqualTo(INITIAL);

    collection.finish();
    assertThat(collection.memoryHeld()).isZero();
    assertThat(memoryManager.executionUsed()).isZero();
  }
}
