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
 */
public final class TaskOutcomeCodec {
  private final RecordSerializer records;
  private final ClosureSerializer java = new ClosureSerializer();

  public TaskOutcomeCodec(RecordSerializer records) {
    this.records = requireNonNull(records, "records is null");
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

  /** Decodes bytes made by {@link #encode}. */
  public TaskOutcome decode(byte[] bytes) {
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
