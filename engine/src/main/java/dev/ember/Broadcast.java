package dev.ember;

import static com.google.common.base.Preconditions.checkState;

import java.io.Serializable;

/**
 * A read-only value shipped once to each executor instead of once per task (Spark's broadcast
 * variables). Create with {@link EmberSession#broadcast}; read with {@link #value()} inside user
 * functions. The value is serialized with the record serializer when created; each executor
 * deserializes it once and shares it between its task threads, so it must not be mutated.
 *
 * @param <T> value type
 */
public final class Broadcast<T> implements Serializable {
  private static final long serialVersionUID = 1L;

  private final long id;
  // Held only by the driver's instance; tasks look the value up on their executor.
  private final transient T driverValue;
  private volatile boolean destroyed;

  /** Engine-internal: use {@link EmberSession#broadcast}. */
  public Broadcast(long id, T driverValue) {
    this.id = id;
    this.driverValue = driverValue;
  }

  /** The broadcast's application-unique id. */
  public long id() {
    return id;
  }

  /**
   * The value: on the driver the original object, in a task the executor's shared copy.
   *
   * @throws IllegalStateException if the broadcast was destroyed
   */
  @SuppressWarnings("unchecked")
  public T value() {
    checkState(!destroyed, "broadcast %s was destroyed and cannot be used", id);
    if (driverValue != null) {
      return driverValue;
    }
    return (T)
        TaskContext.get()
            .orElseThrow(
                () -> new IllegalStateException("broadcast " + id + " read outside a task"))
            .env()
            .broadcastValue(id);
  }

  /** Marks the broadcast unusable; executors drop their copies when the session closes. */
  public void destroy() {
    destroyed = true;
  }

  @Override
  public String toString() {
    return "Broadcast(" + id + ")";
  }
}
