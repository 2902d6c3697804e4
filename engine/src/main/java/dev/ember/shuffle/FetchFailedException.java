package dev.ember.shuffle;

/**
 * A reduce task could not read a map output: it is missing on the driver's tracker, or the executor
 * holding it is gone or its files are unreadable. The DAG scheduler reacts by recomputing that map
 * output and resubmitting the stages involved, rather than counting a task failure (Spark's {@code
 * FetchFailedException}).
 */
public final class FetchFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int shuffleId;
  private final int mapId; // -1: unknown / all
  private final int reduceId;
  private final String executorId; // may be empty when unknown

  public FetchFailedException(
      int shuffleId, int mapId, int reduceId, String executorId, String message, Throwable cause) {
    super(
        "cannot fetch shuffle "
            + shuffleId
            + " map "
            + mapId
            + " reduce "
            + reduceId
            + (executorId.isEmpty() ? "" : " from executor " + executorId)
            + ": "
            + message,
        cause);
    this.shuffleId = shuffleId;
    this.mapId = mapId;
    this.reduceId = reduceId;
    this.executorId = executorId;
  }

  public int shuffleId() {
    return shuffleId;
  }

  public int mapId() {
    return mapId;
  }

  public int reduceId() {
    return reduceId;
  }

  public String executorId() {
    return executorId;
  }
}
