package dev.ember.execution;

import static java.util.Objects.requireNonNull;

import dev.ember.metrics.TaskMetrics;
import dev.ember.serializer.ClosureSerializer;
import dev.ember.serializer.RecordSerializer;
import dev.ember.serializer.SerializationException;

/**
 * Turns a {@link TaskOutcome} into bytes on the executor and back on the driver, so that results
 * cross the same serialization boundary in local mode as they do between containers. Results,
 * accumulator updates and metrics use the record serializer; exceptions use Java serialization
 * (every {@link Throwable} is meant to be serializable), falling back to a {@link
 * RemoteTaskException} that keeps the class name, message and stack trace. Thread-safe.
 *
 * <p>Class loading: both serializers resolve classes through the thread's context class loader.
 * {@link #decode} runs on whatever thread reports a task's end (an RPC thread, a local task
 * thread), whose context loader need not see the application's classes: in client deploy mode
 * ember-submit loads the application jar in a class loader of its own, so a {@code collect()} of an
 * application class failed with {@code ClassNotFoundException}. A codec built with a class loader
 * therefore decodes with that loader as the context loader (as Spark's driver deserializes task
 * results with the user class loader).
 */
public final class TaskOutcomeCodec {
  private final RecordSerializer records;
  private final ClosureSerializer java = new ClosureSerializer();
  private final ClassLoader decodeLoader;

  /** A codec that decodes with the calling thread's context class loader (e.g. on executors). */
  public TaskOutcomeCodec(RecordSerializer records) {
    this.records = requireNonNull(records, "records is null");
    this.decodeLoader = null;
  }

  /**
   * A codec that decodes with {@code decodeLoader}, whichever thread calls {@link #decode}: the
   * driver's, built with the application's class loader.
   */
  public TaskOutcomeCodec(RecordSerializer records, ClassLoader decodeLoader) {
    this.records = requireNonNull(records, "records is null");
    this.decodeLoader = requireNonNull(decodeLoader, "decodeLoader is null");
  }

  /** Encodes an outcome; never throws for an unserializable result (it becomes a failure). */
  public byte[] encode(TaskOutcome outcome) {
    if (outcome instanceof TaskOutcome.Failed failed) {
      byte[] error;
      try {
        error = java.serialize(failed.error(), "a task's exception");
      } catch (SerializationException e) {
        error = java.serialize(RemoteTaskException.of(failed.error()), "a task's exception");
      }
      return records.toBytes(new EncodedFailure(error, failed.metrics()));
    }
    try {
      return records.toBytes(outcome);
    } catch (SerializationException e) {
      return encode(new TaskOutcome.Failed(e, new TaskMetrics()));
    }
  }

  /**
   * Decodes bytes made by {@link #encode}.
   *
   * @throws SerializationException if the bytes cannot be decoded, e.g. a result's class is not
   *     found by the decoding class loader
   */
  public TaskOutcome decode(byte[] bytes) {
    if (decodeLoader == null) {
      return decodeHere(bytes);
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(decodeLoader);
    try {
      return decodeHere(bytes);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private TaskOutcome decodeHere(byte[] bytes) {
    Object decoded = records.fromBytes(bytes);
    if (decoded instanceof EncodedFailure f) {
      Throwable error = java.deserialize(f.error());
      return new TaskOutcome.Failed(error, f.metrics());
    }
    return (TaskOutcome) decoded;
  }

  @SuppressWarnings("ArrayRecordComponent")
  private record EncodedFailure(byte[] error, TaskMetrics metrics) {}
}
