package dev.ember.scheduler;

/**
 * A stage's application-unique id; a stage that several jobs share keeps its id. Formats as {@code
 * stage-5}.
 *
 * @param id non-negative sequence number
 */
public record StageId(int id) implements Comparable<StageId> {
  public StageId {
    if (id < 0) {
      throw new IllegalArgumentException("stage id must be non-negative, was " + id);
    }
  }

  /** Parses {@code stage-5} (or a bare {@code 5}). */
  public static StageId valueOf(String text) {
    return new StageId(Integer.parseInt(text.startsWith("stage-") ? text.substring(6) : text));
  }

  @Override
  public int compareTo(StageId o) {
    return Integer.compare(id, o.id);
  }

  @Override
  public String toString() {
    return "stage-" + id;
  }
}
