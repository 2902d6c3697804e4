package dev.ember.scheduler;

/**
 * A job's application-unique id: one job per action. Formats as {@code job-3}.
 *
 * @param id non-negative sequence number
 */
public record JobId(int id) implements Comparable<JobId> {
  public JobId {
    if (id < 0) {
      throw new IllegalArgumentException("job id must be non-negative, was " + id);
    }
  }

  /** Parses {@code job-3} (or a bare {@code 3}). */
  public static JobId valueOf(String text) {
    return new JobId(Integer.parseInt(text.startsWith("job-") ? text.substring(4) : text));
  }

  @Override
  public int compareTo(JobId o) {
    return Integer.compare(id, o.id);
  }

  @Override
  public String toString() {
    return "job-" + id;
  }
}
