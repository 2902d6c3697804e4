package dev.ember.it.jobs;

import dev.ember.TaskContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The job side of failure injection, called from inside tasks (or the driver) of a test job: leaves
 * marker files on HDFS that tell the test where a task attempt ran, fails chosen attempts, and
 * holds tasks at a gate until the test has injected its fault (killed a container) and opened the
 * gate by creating a file. The test side is {@code dev.ember.it.FailureInjection}.
 *
 * <p>Marker names: {@code
 * <prefix>-s<stageId>.<stageAttempt>-p<partition>-a<attemptNumber>-e<executorId>}. Thread-safe;
 * every call does HDFS I/O.
 */
public final class TaskFaults {
  private TaskFaults() {}

  /** The running task's context; fails outside a task. */
  public static TaskContext task() {
    return TaskContext.get().orElseThrow(() -> new IllegalStateException("not in a task"));
  }

  /** Creates the marker of the running task attempt under {@code markers}. */
  public static void mark(String markers, String prefix) {
    TaskContext t = task();
    touch(
        markers
            + "/"
            + prefix
            + "-s"
            + t.stageId()
            + "."
            + t.stageAttempt()
            + "-p"
            + t.partitionId()
            + "-a"
            + t.attemptNumber()
            + "-e"
            + t.env().executorId());
  }

  /**
   * Throws if the running task computes {@code partition} and its attempt number is below {@code
   * failingAttempts} (Integer.MAX_VALUE: every attempt fails).
   */
  public static void failAttempts(int partition, int failingAttempts) {
    TaskContext t = task();
    if (t.partitionId() == partition && t.attemptNumber() < failingAttempts) {
      throw new IllegalStateException(
          "injected failure of partition " + partition + ", attempt " + t.attemptNumber());
    }
  }

  /**
   * Throws if the running task computes {@code partition} on the executor where its first attempt
   * ran, as recorded by the {@code <prefix>-s<stage>.0-p<partition>-a0-e<executor>} marker under
   * {@code markers} (so {@link #mark} must have been called first).
   */
  public static void failOnExecutorOfFirstAttempt(String markers, String prefix, int partition) {
    TaskContext t = task();
    if (t.partitionId() != partition) {
      return;
    }
    Path pattern =
        new Path(
            URI.create(
                markers + "/" + prefix + "-s" + t.stageId() + ".0-p" + partition + "-a0-e*"));
    try {
      FileStatus[] first = FileSystem.get(pattern.toUri(), new Configuration()).globStatus(pattern);
      if (first == null || first.length == 0) {
        throw new IllegalStateException("no marker of the first attempt: " + pattern);
      }
      String name = first[0].getPath().getName();
      String executor = name.substring(name.lastIndexOf("-e") + 2);
      if (executor.equals(t.env().executorId())) {
        throw new IllegalStateException(
            "injected failure of partition "
                + partition
                + " on executor "
                + executor
                + ", where its first attempt ran");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list markers " + pattern, e);
    }
  }

  /** Whether the running task is the first attempt of the first attempt of its stage. */
  public static boolean firstAttempt() {
    TaskContext t = task();
    return t.stageAttempt() == 0 && t.attemptNumber() == 0;
  }

  /**
   * Sleeps for {@code duration} (a straggling task). A kill (an interrupt) ends the sleep: the
   * attempt then leaves a {@code killed-} marker under {@code markers} and throws.
   *
   * @throws IllegalStateException if interrupted
   */
  public static void straggle(String markers, java.time.Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      mark(markers, "killed"); // Before restoring the interrupt, which would fail the HDFS call.
      Thread.currentThread().interrupt();
      throw new IllegalStateException("killed while straggling", e);
    }
  }

  /**
   * Waits up to {@code timeout} for a file named {@code <prefix>*} under {@code markers}, polling
   * every 100 ms.
   *
   * @return whether one appeared
   */
  public static boolean awaitMarker(String markers, String prefix, java.time.Duration timeout) {
    Path dir = new Path(URI.create(markers));
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      FileSystem fs = FileSystem.get(dir.toUri(), new Configuration());
      while (true) {
        if (fs.exists(dir) && fs.listStatus(dir, p -> p.getName().startsWith(prefix)).length > 0) {
          return true;
        }
        if (System.nanoTime() > deadline) {
          return false;
        }
        Thread.sleep(100);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + markers, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Creates an empty file (and its parents). */
  public static void touch(String uri) {
    Path p = new Path(URI.create(uri));
    try {
      FileSystem.get(p.toUri(), new Configuration()).create(p, true).close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create marker " + uri, e);
    }
  }

  /** Whether the file exists. */
  public static boolean exists(String uri) {
    Path p = new Path(URI.create(uri));
    try {
      return FileSystem.get(p.toUri(), new Configuration()).exists(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot check marker " + uri, e);
    }
  }

  /**
   * Waits until the file {@code uri} exists (the test opens the gate), polling every 100 ms.
   *
   * @throws IllegalStateException after 120 s
   */
  public static void awaitGate(String uri) {
    for (int i = 0; i < 1200; i++) {
      if (exists(uri)) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + uri, e);
      }
    }
    throw new IllegalStateException("the test never created " + uri);
  }
}
