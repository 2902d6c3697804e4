package dev.ember.scheduler;

/**
 * Observes jobs on the driver (e.g. for summaries, progress bars, event streams). Called on the DAG
 * scheduler's event thread: return quickly and do not call back into the session.
 */
@FunctionalInterface
public interface JobListener {
  /** A job ended, successfully or not. */
  void onJobEnd(JobSummary summary);
}
