package dev.ember.metrics;

import dev.ember.scheduler.TaskLocality;
import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counters of one task attempt, written by its task thread and read by the driver once the attempt
 * has ended (they travel back with the task's result). Sizes are in bytes.
 */
public final class TaskMetrics implements Serializable {
  private static final long serialVersionUID = 1L;

  private long recordsRead;
  private long bytesRead;
  private long recordsWritten;
  private long shuffleRecordsWritten;
  private long shuffleBytesWritten;
  private long shuffleRecordsRead;
  private long shuffleBytesRead;
  private long spillCount;
  private long bytesSpilled;
  private long peakExecutionMemory;
  private long runTimeNanos;
  // Tasks per locality level (indexed by ordinal): 1 at the task's level for one attempt, sums
  // for stage and job totals.
  private final long[] tasksByLocality = new long[TaskLocality.values().length];

  public void addRecordsRead(long n) {
    recordsRead += n;
  }

  /** Adds input bytes read from a file split (the reader's position moved by {@code n}). */
  public void addBytesRead(long n) {
    bytesRead += n;
  }

  public void addRecordsWritten(long n) {
    recordsWritten += n;
  }

  public void addShuffleWrite(long records, long bytes) {
    shuffleRecordsWritten += records;
    shuffleBytesWritten += bytes;
  }

  public void addShuffleRead(long records, long bytes) {
    shuffleRecordsRead += records;
    shuffleBytesRead += bytes;
  }

  /** Records one spill of {@code bytes} written to disk. */
  public void addSpill(long bytes) {
    spillCount++;
    bytesSpilled += bytes;
  }

  public void updatePeakExecutionMemory(long bytes) {
    peakExecutionMemory = Math.max(peakExecutionMemory, bytes);
  }

  public void setRunTimeNanos(long nanos) {
    runTimeNanos = nanos;
  }

  /** Records the locality level the attempt was launched at (set by the executor at start). */
  public void setLocality(TaskLocality locality) {
    java.util.Arrays.fill(tasksByLocality, 0);
    tasksByLocality[locality.ordinal()] = 1;
  }

  /** Adds another attempt's counters into this one (used for stage and job totals). */
  public void merge(TaskMetrics other) {
    for (int i = 0; i < tasksByLocality.length; i++) {
      tasksByLocality[i] += other.tasksByLocality[i];
    }
    recordsRead += other.recordsRead;
    bytesRead += other.bytesRead;
    recordsWritten += other.recordsWritten;
    shuffleRecordsWritten += other.shuffleRecordsWritten;
    shuffleBytesWritten += other.shuffleBytesWritten;
    shuffleRecordsRead += other.shuffleRecordsRead;
    shuffleBytesRead += other.shuffleBytesRead;
    spillCount += other.spillCount;
    bytesSpilled += other.bytesSpilled;
    peakExecutionMemory = Math.max(peakExecutionMemory, other.peakExecutionMemory);
    runTimeNanos += other.runTimeNanos;
  }

  public long recordsRead() {
    return recordsRead;
  }

  /**
   * Input bytes read from files (0 for other sources), as the input's reader counts them: for
   * compressed files, compressed bytes.
   */
  public long bytesRead() {
    return bytesRead;
  }

  public long recordsWritten() {
    return recordsWritten;
  }

  public long shuffleRecordsWritten() {
    return shuffleRecordsWritten;
  }

  public long shuffleBytesWritten() {
    return shuffleBytesWritten;
  }

  public long shuffleRecordsRead() {
    return shuffleRecordsRead;
  }

  public long shuffleBytesRead() {
    return shuffleBytesRead;
  }

  public long spillCount() {
    return spillCount;
  }

  public long bytesSpilled() {
    return bytesSpilled;
  }

  public long peakExecutionMemory() {
    return peakExecutionMemory;
  }

  public long runTimeNanos() {
    return runTimeNanos;
  }

  /** How many of the counted attempts ran at {@code level} (0 or 1 for one attempt). */
  public long tasksAt(TaskLocality level) {
    return tasksByLocality[level.ordinal()];
  }

  /** Attempts per locality level, every level present (0 where none ran). */
  public Map<TaskLocality, Long> localityCounts() {
    Map<TaskLocality, Long> counts = new EnumMap<>(TaskLocality.class);
    for (TaskLocality level : TaskLocality.values()) {
      counts.put(level, tasksByLocality[level.ordinal()]);
    }
    return counts;
  }

  @Override
  public String toString() {
    return "TaskMetrics{recordsRead="
        + recordsRead
        + ", bytesRead="
        + bytesRead
        + ", shuffleWrite="
        + shuffleBytesWritten
        + "b, shuffleRead="
        + shuffleBytesRead
        + "b, spills="
        + spillCount
        + ", bytesSpilled="
        + bytesSpilled
        + "}";
  }
}
