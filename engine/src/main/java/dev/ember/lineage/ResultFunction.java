package dev.ember.lineage;

import dev.ember.TaskContext;
import java.io.Serializable;
import java.util.Iterator;

/**
 * What a result task does with its partition: an action's per-partition work (count it, collect it,
 * write it). Runs on the task thread; its result travels back to the driver through the record
 * serializer.
 *
 * @param <T> element type of the partition
 * @param <U> per-partition result type
 */
@FunctionalInterface
public interface ResultFunction<T, U> extends Serializable {
  U apply(TaskContext context, Iterator<T> partition) throws Exception;
}
